(function(){
  // Printing shows every table behind the charts.
  var opened=[];
  window.addEventListener('beforeprint',function(){
    document.querySelectorAll('details.data:not([open])').forEach(function(d){d.open=true;opened.push(d);});
  });
  window.addEventListener('afterprint',function(){opened.forEach(function(d){d.open=false;});opened=[];});
  // Each chart says how many of its bars the browser drew with a size (read by the browser test).
  document.querySelectorAll('section.chart').forEach(function(s){
    var drawn=0;
    s.querySelectorAll('svg .bar').forEach(function(b){var r=b.getBoundingClientRect();if(r.width>0&&r.height>0)drawn++;});
    s.setAttribute('data-drawn',String(drawn));
  });
  document.documentElement.setAttribute('data-ready','1');
})();
