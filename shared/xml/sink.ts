/**
 * What a form builder writes to. The same builder drives the canonical string writer (production) and an
 * xmlbuilder2 document (the test oracle), so a test can prove both give the same bytes.
 * Only elements and text: the forms carry no attributes, comments, namespaces or mixed content.
 */
export interface XmlSink {
  open(name: string): void;
  close(name: string): void;
  /** An element holding text only; '' gives an empty element. */
  leaf(name: string, text: string): void;
}
