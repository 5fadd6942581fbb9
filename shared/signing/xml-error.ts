/** A refused or malformed XML input, with where it happened (1-based line and column) for the clerk. */
export class XmlInputError extends Error {
  readonly code:
    | 'XML_MALFORMED'
    | 'XML_DOCTYPE'
    | 'XML_ENTITY'
    | 'XML_TOO_DEEP'
    | 'XML_TOO_LARGE'
    | 'XML_EXTERNAL_REFERENCE'
    | 'XML_ENCODING'
    | 'XML_FORBIDDEN_MARKUP'
    | 'XML_DUPLICATE_ELEMENT'
    | 'XML_UNEXPECTED_ELEMENT';
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly messageEn: string;
  constructor(code: XmlInputError['code'], offset: number, source: string, message: string, messageEn: string) {
    let line = 1;
    let last = -1;
    for (let i = source.indexOf('\n'); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) {
      line++;
      last = i;
    }
    const column = offset - last;
    super(`${message} (dòng ${line}, cột ${column})`);
    this.name = 'XmlInputError';
    this.code = code;
    this.offset = offset;
    this.line = line;
    this.column = column;
    this.messageEn = `${messageEn} (line ${line}, column ${column})`;
  }
}
