// A fingerprinting script of the kind Blacklight flags: canvas text in several colours read back
// with toDataURL (BrowserLeaks' test), the unmasked WebGL renderer, and many navigator and screen
// properties. The hash is computed and thrown away: the testbed sends nothing.
(function () {
  var canvas = document.createElement('canvas');
  canvas.width = 240;
  canvas.height = 60;
  var ctx = canvas.getContext('2d');
  var text = 'BrowserLeaks,com <canvas> 1.0';
  ctx.textBaseline = 'top';
  ctx.font = "14px 'Arial'";
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = '#f60';
  ctx.fillRect(125, 1, 62, 20);
  ctx.fillStyle = '#069';
  ctx.fillText(text, 2, 15);
  ctx.fillStyle = 'rgba(102, 204, 0, 0.7)';
  ctx.fillText(text, 4, 17);
  var parts = [canvas.toDataURL()];

  var gl = document.createElement('canvas').getContext('webgl');
  if (gl) {
    var info = gl.getExtension('WEBGL_debug_renderer_info');
    if (info) parts.push(gl.getParameter(info.UNMASKED_VENDOR_WEBGL), gl.getParameter(info.UNMASKED_RENDERER_WEBGL));
    parts.push(gl.getParameter(gl.VERSION), gl.getSupportedExtensions().length);
  }
  var n = navigator, s = screen;
  parts.push(n.userAgent, n.platform, n.language, n.languages, n.hardwareConcurrency, n.deviceMemory, n.plugins.length,
             n.mimeTypes.length, n.maxTouchPoints, n.vendor, n.cookieEnabled, s.width, s.height, s.availWidth,
             s.availHeight, s.colorDepth, s.pixelDepth);
  var hash = 0, all = parts.join('|');
  for (var i = 0; i < all.length; i++) hash = (hash * 31 + all.charCodeAt(i)) | 0;
  window.__fpHash = hash;
})();
