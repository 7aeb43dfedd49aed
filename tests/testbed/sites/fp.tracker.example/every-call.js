// Every call the observers watch, once or a few times, with its arguments written out as
// scripts write them — for the test that the DevTools observer and the page instrumentation
// report the same events, keys and counts (scanner/test/observe-devtools.test.mjs).
(function () {
  'use strict';
  var n = navigator, s = screen, seen = [];
  document.cookie = 'ec_uid=e-5150; Max-Age=3600; Path=/; SameSite=None; Secure';
  try { localStorage.setItem('ec_key', 'e-5150'); } catch (e) { /* storage denied */ }
  seen.push(n.doNotTrack, n.globalPrivacyControl);
  seen.push(n.userAgent, n.appVersion, n.appName, n.appCodeName, n.platform, n.product, n.productSub, n.vendor,
            n.vendorSub, n.language, n.languages, n.plugins, n.mimeTypes, n.hardwareConcurrency, n.deviceMemory,
            n.maxTouchPoints, n.cookieEnabled, n.onLine, n.pdfViewerEnabled, n.webdriver, n.connection,
            n.userAgent, n.userAgent);
  seen.push(s.width, s.height, s.availWidth, s.availHeight, s.availTop, s.availLeft, s.colorDepth, s.pixelDepth, s.orientation);
  if (n.getBattery) n.getBattery().catch(function () {});
  if (n.mediaDevices) n.mediaDevices.enumerateDevices().catch(function () {});
  if (window.speechSynthesis) speechSynthesis.getVoices();
  seen.push(Intl.DateTimeFormat().resolvedOptions().timeZone);
  document.body.getClientRects();
  var range = document.createRange();
  range.selectNodeContents(document.body);
  range.getClientRects();
  if (n.permissions) n.permissions.query({ name: 'notifications' }).catch(function () {});
  if (n.userAgentData) n.userAgentData.getHighEntropyValues(['platformVersion', 'model']).catch(function () {});
  document.fonts.check('12px Arial');
  document.fonts.check('12px Verdana');
  document.fonts.check('12px Arial');
  new MutationObserver(function () {}).observe(document.body, { childList: true });
  document.addEventListener('mousemove', function () {});
  window.addEventListener('scroll', function () {});

  var canvas = document.createElement('canvas');
  canvas.width = 200;
  canvas.height = 50;
  var ctx = canvas.getContext('2d');
  ctx.font = '12px Arial';
  ctx.font = '12px Verdana';
  ctx.measureText('mmmmmmmmmmlli');
  ctx.measureText('mmmmmmmmmmlli');
  ctx.fillStyle = '#f60';
  ctx.fillRect(1, 1, 60, 20);
  ctx.fillStyle = '#069';
  ctx.fillText('Cwm fjordbank glyphs vext quiz', 2, 15);
  ctx.strokeStyle = 'rgba(102, 204, 0, 0.7)';
  ctx.strokeText('Cwm fjordbank glyphs vext quiz', 4, 17);
  seen.push(canvas.toDataURL(), ctx.getImageData(0, 0, 200, 50).data.length);
  canvas.toBlob(function () {});

  var gl = document.createElement('canvas').getContext('webgl');
  if (gl) {
    var info = gl.getExtension('WEBGL_debug_renderer_info');
    if (info) seen.push(gl.getParameter(info.UNMASKED_RENDERER_WEBGL));
    seen.push(gl.getParameter(gl.VERSION), gl.getParameter(gl.MAX_TEXTURE_SIZE), gl.getSupportedExtensions());
    seen.push(gl.getShaderPrecisionFormat(gl.FRAGMENT_SHADER, gl.HIGH_FLOAT));
  }

  if (window.OfflineAudioContext) {
    var audio = new OfflineAudioContext(1, 4410, 44100);
    var osc = audio.createOscillator();
    var compressor = audio.createDynamicsCompressor();
    osc.connect(compressor);
    compressor.connect(audio.destination);
    osc.start(0);
    audio.startRendering().catch(function () {});
  }
  if (window.AudioContext) {
    var live = new AudioContext();
    var analyser = live.createAnalyser();
    analyser.getFloatFrequencyData(new Float32Array(analyser.frequencyBinCount));
    live.close().catch(function () {});
  }
  if (window.RTCPeerConnection) {
    var pc = new RTCPeerConnection();
    pc.createDataChannel('probe');
    pc.onicecandidate = function () {};
    pc.addEventListener('icecandidate', function () {});
    pc.createOffer().then(function (offer) { return pc.setLocalDescription(offer); }).catch(function () {}).then(function () { pc.close(); });
  }

  fetch('https://collect.metrics.example/k', { method: 'POST', body: 'ec=1', keepalive: true }).catch(function () {});
  n.sendBeacon('https://collect.metrics.example/collect', 'ec=' + seen.length);
  document.title = 'called';
})();
