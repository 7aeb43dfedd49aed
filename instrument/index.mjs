// Node-side access to the page instrumentation source, for hosts that inject it as text (the
// scanner's init script) or copy it into a bundle (the extension build).
import fs from 'node:fs';

export const instrumentPath = new URL('./page-instrument.js', import.meta.url);
export const instrumentSource = fs.readFileSync(instrumentPath, 'utf8');
