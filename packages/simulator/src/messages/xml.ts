/** Helpers for the XML payloads carried (escaped) inside Content. */

/** Attribute values inside the XML: fully entity-escaped. */
export function attr(value: string | number): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * XML → Content: `<`, `>` and `&` escaped once more, quotes left raw (as in
 * captures). An attribute that already held `&quot;` thus arrives as
 * `&amp;quot;`, the double escaping clients must cope with (docs/protocol.md 7.3).
 */
export function escapeXmlPayload(xml: string): string {
  return xml.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
