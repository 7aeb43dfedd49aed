// MAIN world, document_start, every frame: runs the shared page instrumentation and hands its
// events to the ISOLATED-world relay (relay.js) over a private channel.
//
// This file is a function expression of the instrumentation's installer. The build writes the
// registered script as
//   (THIS FILE)(instrument/page-instrument.js)
// so that nothing is defined in the page (no global, no own property; OBSERVER.md).
//
// The channel: a MessageChannel made here, before any page script runs; its second port goes to
// this window with postMessage, whose event the relay takes first (it listens since document_start,
// before any page script could) and stops, so no page listener ever sees it. From then on events
// travel as JSON strings through the ports, which no page script holds: the page can neither read
// them nor add its own. A page posting the same handshake later is ignored: the relay takes one.
(function trackscopeMainWorld(instrument) {
  'use strict';
  const apply = Reflect.apply;
  const json = JSON;
  const stringify = json.stringify;
  const post = MessagePort.prototype.postMessage;
  const channel = new MessageChannel();
  const port = channel.port1;
  apply(window.postMessage, window, ['trackscope:port', '*', [channel.port2]]);
  instrument(event => {
    apply(post, port, [apply(stringify, json, [event])]);
  });
})
