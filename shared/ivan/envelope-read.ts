/**
 * Reads the few facts the I-VAN layer needs from a `Hoso` envelope (domain reference §1.1) without a DOM:
 * unit, agency, period, procedure and the embedded forms. It is a reader of our own and the providers' output,
 * not a validator — the server validates with the XSDs and the signature verifier.
 */
export interface EnvelopeForm {
  code: string;
  fileName: string;
  base64: string;
}

export interface EnvelopeFacts {
  kind: 'dossier' | 'registration';
  ivanCode: string | null;
  unitCode: string | null;
  agencyCode: string | null;
  /** MM/yyyy */
  period: string | null;
  procedure: string | null;
  /** Registration form code (04/ĐK-IVAN …) when kind = registration. */
  registrationForm: string | null;
  forms: EnvelopeForm[];
}

const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&').trim();

function first(xml: string, name: string): string | null {
  const m = new RegExp(`<${name}(?:\\s[^>]*)?>([^<]*)</${name}>`).exec(xml);
  return m ? decode(m[1]!) : null;
}

/** True when the document's root element is `Hoso` (after the XML declaration, comments and whitespace). */
export function hasHosoRoot(xml: string): boolean {
  const body = xml.replace(/^\uFEFF/, '').replace(/^\s*<\?xml[^?]*\?>/, '').replace(/^(\s*<!--[\s\S]*?-->)*/, '').trimStart();
  return /^<Hoso[\s>/]/.test(body);
}

export function readEnvelope(xml: string): EnvelopeFacts {
  const registrationForm = first(xml, 'MaToKhai');
  const isRegistration = registrationForm !== null && /-IVAN$/.test(registrationForm) && xml.includes('<TTDVI>');
  const forms: EnvelopeForm[] = [];
  const re = /<FileToKhai>([\s\S]*?)<\/FileToKhai>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const block = m[1]!;
    forms.push({ code: first(block, 'MaToKhai') ?? '', fileName: first(block, 'TenFile') ?? '', base64: (first(block, 'NoiDungFile') ?? '').replace(/\s+/g, '') });
  }
  const period = first(xml, 'KyKeKhai');
  return {
    kind: isRegistration ? 'registration' : 'dossier',
    ivanCode: first(xml, 'MaIVAN') ?? first(xml, 'MA_IVAN') ?? first(xml, 'MaIVan'),
    unitCode: first(xml, 'MaSoBHXH') ?? first(xml, 'MA_DVI'),
    agencyCode: first(xml, 'CoQuanQuanLy') ?? first(xml, 'MaCoQuan'),
    period: period && /^\d{2}\/\d{4}$/.test(period) ? period : null,
    procedure: first(xml, 'MaThuTuc'),
    registrationForm: isRegistration ? registrationForm : null,
    forms,
  };
}
