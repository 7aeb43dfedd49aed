// The shop's sales chart: ordinary canvas drawing (save/restore, shapes, labels), no read-back.
(function () {
  var canvas = document.getElementById('chart');
  var ctx = canvas.getContext('2d');
  var values = [12, 30, 22, 41, 18];
  ctx.font = '12px sans-serif';
  values.forEach(function (v, i) {
    ctx.save();
    ctx.fillStyle = i % 2 ? '#4a90d9' : '#7bb661';
    ctx.fillRect(20 + i * 55, 110 - v * 2, 40, v * 2);
    ctx.fillStyle = '#333';
    ctx.fillText(String(v), 30 + i * 55, 105 - v * 2);
    ctx.restore();
  });
})();
