/**
 * XML text for attribute values and element content. Markup characters become entities, and tab, line
 * feed and carriage return become character references, so attribute values keep them (a parser
 * normalises literal ones to spaces). Characters XML 1.0 cannot carry at all, escaped or not (C0
 * controls other than tab, LF and CR, U+FFFE, U+FFFF, lone surrogates), become U+FFFD.
 */

// The character classes below are what XML 1.0 forbids; matching control characters is the point.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * Escapes a string for XML attribute values and content.
 *
 * @example
 * xmlEscape('a < "b"\n'); // 'a &lt; &quot;b&quot;&#10;'
 */
export function xmlEscape(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(/[&<>"'\t\n\r]/g, (c) => ESCAPES[c] ?? c);
}
