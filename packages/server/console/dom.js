// The console's two DOM helpers. Everything shown comes from the API as text: `el` sets it with
// textContent, never as HTML.
export const $ = (id) => document.getElementById(id);

export const el = (tag, text, cls) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
};
