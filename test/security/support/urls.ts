/** True when `url` holds whitespace, a control character or a backslash: bytes that confuse URL parsers. */
export function hasParserConfusingChars(url: string): boolean {
  for (const c of url) {
    const code = c.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f || c === '\\' || /\s/.test(c)) return true;
  }
  return false;
}
