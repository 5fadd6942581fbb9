import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { XmlSink } from './sink';

/** Drives xmlbuilder2 from a form builder: the oracle the canonical writer is compared with. */
export class XmlBuilder2Sink implements XmlSink {
  private doc: XMLBuilder = create({ version: '1.0', encoding: 'utf-8' });
  private cur: XMLBuilder = this.doc;

  open(name: string): void {
    this.cur = this.cur.ele(name);
  }

  close(_name: string): void {
    this.cur = this.cur.up();
  }

  leaf(name: string, text: string): void {
    const e = this.cur.ele(name);
    if (text !== '') e.txt(text);
  }

  /** xmlbuilder2's own serialisation, no pretty-printing. */
  end(): string {
    return this.doc.end({ prettyPrint: false });
  }
}
