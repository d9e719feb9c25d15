"""(being written)"""
from __future__ import annotations


def find(ctx):
    return []
