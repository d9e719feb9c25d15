(function(){
  var cur=null;
  function sel(k){var e=CSS.escape(k);return '[data-quote="'+e+'"],[data-ref="'+e+'"]';}
  function hl(k){
    if(k===cur)return;
    document.querySelectorAll('.hl').forEach(function(x){x.classList.remove('hl');});
    cur=k;if(k)document.querySelectorAll(sel(k)).forEach(function(x){x.classList.add('hl');});
  }
  document.addEventListener('mouseover',function(e){
    var t=e.target.closest('[data-quote],[data-ref]');hl(t?(t.dataset.quote||t.dataset.ref):null);
  });
  document.addEventListener('click',function(e){
    var r=e.target.closest('[data-ref]');
    if(r){var q=document.querySelector('[data-quote="'+CSS.escape(r.dataset.ref)+'"]');if(q)q.scrollIntoView({block:'center',behavior:'smooth'});}
    var s=e.target.closest('[data-speaker]');
    if(s){var f=document.getElementById('filter');f.value=s.dataset.speaker;filter();f.scrollIntoView();}
  });
  function all(open){document.querySelectorAll('details.doc').forEach(function(d){d.open=open;});}
  document.getElementById('expand').onclick=function(){all(true);};
  document.getElementById('collapse').onclick=function(){all(false);};
  function filter(){
    var v=document.getElementById('filter').value.trim().toLowerCase();
    document.querySelectorAll('[data-find]').forEach(function(x){
      x.classList.toggle('hidden',v!==''&&x.dataset.find.indexOf(v)<0);
    });
  }
  document.getElementById('filter').addEventListener('input',filter);
  function openHash(){
    var el=document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if(!el)return;
    var d=el.closest('details');if(d)d.open=true;
    if(el.dataset.ref){
      hl(el.dataset.ref);
      var q=document.querySelector('[data-quote="'+CSS.escape(el.dataset.ref)+'"]');
      if(q)q.scrollIntoView({block:'center'});
    }
  }
  window.addEventListener('hashchange',openHash);openHash();
  document.documentElement.setAttribute('data-ready','1');
})();
