// Where a paused call's arguments are written in its script (for devtools-observer.mjs). A DevTools
// breakpoint on a native function pauses in the caller, where the call's arguments are no longer
// reachable; but the call is in the caller's source, at the paused location, and its argument
// expressions can be evaluated again in the paused frame without side effects (a pure expression
// gives the value it just gave; one with side effects is refused by V8 before it changes anything).
// V8 puts the pause at the callee's name of a call (`el.addEventListener(`, `fetch(`) and at the
// operator of an assignment to a setter (`document.cookie = ...`).
//
//   callAt("document.addEventListener('click', h);", 9)   -> ["'click'", 'h']
//   callAt("document.cookie = 'a=' + v;", 16)             -> ["'a=' + v"]
//   callAt('x', 0)                                        -> null (no call or assignment there)
import * as acorn from 'acorn';

function parseAt(source, offset) {
  for (const sourceType of ['script', 'module']) {
    try {
      return acorn.parseExpressionAt(source, offset, { ecmaVersion: 'latest', sourceType, allowReserved: true });
    } catch { /* try the other, then give up */ }
  }
  return null;
}

// The innermost call whose callee starts at `offset`, following the left-most child of what was
// parsed (`fetch(u).then(f)` parses as the call of `then`, whose callee starts there too; the call
// of `fetch` is inside it).
function callStartingAt(node, offset) {
  let found = null;
  for (let depth = 0; node && depth < 200; depth++) {
    if ((node.type === 'CallExpression' || node.type === 'NewExpression') && node.callee.start === offset) found = node;
    switch (node.type) {
      case 'CallExpression': case 'NewExpression': node = node.callee; break;
      case 'MemberExpression': node = node.object; break;
      case 'ChainExpression': node = node.expression; break;
      case 'SequenceExpression': node = node.expressions[0]; break;
      case 'LogicalExpression': case 'BinaryExpression': case 'AssignmentExpression': node = node.left; break;
      case 'ConditionalExpression': node = node.test; break;
      case 'TaggedTemplateExpression': node = node.tag; break;
      default: return found;
    }
  }
  return found;
}

// The argument expressions (source texts) of the call at `offset`, or the assigned expression of
// the assignment whose operator is at `offset`; null when neither is there.
export function callAt(source, offset) {
  if (typeof source !== 'string' || !(offset >= 0) || offset >= source.length) return null;
  const operator = /^(?:\*\*|>>>|<<|>>|&&|\|\||\?\?|[-+*/%&|^])?=(?![=>])/.exec(source.slice(offset, offset + 5));
  if (operator) {
    let value = parseAt(source, offset + operator[0].length);
    if (value?.type === 'SequenceExpression') value = value.expressions[0];
    return value ? [source.slice(value.start, value.end)] : null;
  }
  const call = callStartingAt(parseAt(source, offset), offset);
  if (!call) return null;
  return call.arguments.map(arg => source.slice(arg.start, arg.end));
}

// The value written for property `name` in an object literal (source text): its source text;
// undefined when the literal has no such property (and no spread that could hold it); null when
// `text` is no object literal, or the property's key is computed.
//
//   propertyOf("{ method: 'POST', keepalive: true, body: f(x) }", 'keepalive')   -> 'true'
//   propertyOf("{ method: 'POST' }", 'keepalive')                                -> undefined
//   propertyOf('options', 'keepalive')                                           -> null
export function propertyOf(text, name) {
  const node = typeof text === 'string' ? parseAt(`(${text})`, 0) : null;
  if (node?.type !== 'ObjectExpression') return null;
  let value;
  for (const p of node.properties) {
    if (p.type !== 'Property') return null;  // a spread: could hold it
    if (p.computed) return null;
    const key = p.key.type === 'Identifier' ? p.key.name : String(p.key.value);
    if (key === name) value = p.kind === 'init' ? `(${text})`.slice(p.value.start, p.value.end) : null;
  }
  return value;
}

// The object a method is called on, as written before the callee's name at `offset`, when it is a
// plain chain of names (`canvas.toDataURL(`, `this.ctx.fillText(`); null otherwise (`a[0].b(`,
// `f().b(`), or for a call without an object.
//
//   receiverAt('x = this.ctx.fillText(t, 0, 0)', 13)   -> 'this.ctx'
export function receiverAt(source, offset) {
  if (typeof source !== 'string' || !(offset > 0)) return null;
  const before = source.slice(Math.max(0, offset - 300), offset);
  const m = /([A-Za-z_$][\w$]*(?:\s*\??\.\s*[A-Za-z_$][\w$]*)*)\s*\??\.\s*$/.exec(before);
  if (!m) return null;
  const preceding = before.slice(0, m.index).trimEnd().slice(-1);
  if (preceding === '.' || preceding === ']' || preceding === ')' || /[\w$]/.test(preceding)) return null;
  return m[1].replace(/\s+/g, '');
}

// The offset in `source` of a DevTools location (0-based line and column of the document), for a
// script that starts at (startLine, startColumn) of it (an inline script); null when outside.
export function offsetOf(source, { lineNumber, columnNumber }, { startLine = 0, startColumn = 0 } = {}) {
  let line = lineNumber - startLine;
  let column = line === 0 ? columnNumber - startColumn : columnNumber;
  if (line < 0 || column < 0) return null;
  let offset = 0;
  while (line > 0) {
    const next = source.indexOf('\n', offset);
    if (next < 0) return null;
    offset = next + 1;
    line--;
  }
  return offset + column <= source.length ? offset + column : null;
}
