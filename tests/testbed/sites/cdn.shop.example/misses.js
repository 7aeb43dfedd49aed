// Testbed (shop.example/misses.html): what the instrumentation of setItem, and a scan that stops
// at the load, do not see.
(function () {
  var id = 'v-7c41d2e9a8b34f60';
  // Storage by property assignment, not setItem.
  localStorage.visitor_id = id;
  localStorage['ui_theme'] = 'dark';
  sessionStorage.landing = '/misses.html';
  // Beacons sent as the visitor leaves.
  addEventListener('pagehide', function () {
    navigator.sendBeacon('https://collect.metrics.example/exit', 'vid=' + id + '&ev=leave');
  });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') navigator.sendBeacon('https://collect.metrics.example/hidden?vid=' + id);
  });
  // WebRTC local IP discovery (no STUN server: nothing leaves the machine).
  try {
    var pc = new RTCPeerConnection({ iceServers: [] });
    pc.createDataChannel('probe');
    pc.onicecandidate = function () {};
    pc.createOffer().then(function (offer) { return pc.setLocalDescription(offer); }).catch(function () {});
  } catch (e) { /* no WebRTC */ }
  // High-entropy APIs.
  if (navigator.getBattery) navigator.getBattery().catch(function () {});
  if (navigator.mediaDevices) navigator.mediaDevices.enumerateDevices().catch(function () {});
  if (navigator.permissions) navigator.permissions.query({ name: 'notifications' }).catch(function () {});
  if (navigator.userAgentData) navigator.userAgentData.getHighEntropyValues(['architecture', 'model', 'platformVersion']).catch(function () {});
  Intl.DateTimeFormat().resolvedOptions();
  if (window.speechSynthesis) speechSynthesis.getVoices();
  var box = document.getElementById('box') || document.documentElement;
  for (var i = 0; i < 60; i++) box.getClientRects();
  var gl = document.createElement('canvas').getContext('webgl');
  if (gl) gl.getParameter('not-a-glenum');
  // A form POST and a multipart POST to a third party, carrying the visitor id.
  var form = new URLSearchParams({ uid: id, page: location.pathname });
  fetch('https://collect.metrics.example/form', { method: 'POST', body: form, mode: 'no-cors' });
  var data = new FormData();
  data.append('uid', id);
  data.append('ev', 'signup');
  fetch('https://collect.metrics.example/multipart', { method: 'POST', body: data, mode: 'no-cors' });
})();
