// The one DOM helper of the front ends that build DOM (the popup, the widget). Page data only ever
// reaches the DOM through it as Text nodes and attribute values, never as markup.
//
//   el('p', {class: 'x', title: 'a "quoted" title'}, 'text', childNode, [more, null, false])
// Strings and numbers become Text nodes; arrays are flattened; null, undefined and false are
// skipped, as attributes and as children. `true` sets an empty attribute (hidden, disabled);
// `open` sets the property too (a <details> re-rendered open stays open).
function appendAll(node, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) appendAll(node, child);
    else if (typeof child === 'object') node.appendChild(child);
    else node.appendChild(node.ownerDocument.createTextNode(String(child)));
  }
}

export function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const name in attributes ?? {}) {
    const value = attributes[name];
    if (value === false || value == null) continue;
    if (name === 'open') node.open = Boolean(value);
    node.setAttribute(name, value === true ? '' : String(value));
  }
  appendAll(node, children);
  return node;
}

// The core quotes names and values in `backticks` in its evidence: those parts as <code> (still
// Text nodes).
export function evidenceNodes(text) {
  return String(text ?? '').split('`').map((part, i) => (i % 2 ? el('code', {}, part) : part));
}
