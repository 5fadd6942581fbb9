/**
 * Certificate path from a signer's certificate to a trust anchor (issue #12 item 2): issuer name and signature
 * checked at each step (RFC 5280 §6.1 in its simple form: no policies, no name constraints), every CA on the path
 * marked CA and valid at the judged time. Revocation is not checked (no CRL/OCSP yet) and says so.
 */
import { X509Certificate } from 'node:crypto';
import { validityAt } from '../../shared/signing/expiry';
import { fingerprintOf, type TrustAnchor } from './trust-store';

export interface ChainLink {
  subject: string;
  issuer: string;
  serial: string;
  fingerprint: string;
  notBefore: string;
  notAfter: string;
  /** True for the trust anchor that ends the path. */
  anchor: boolean;
}

export interface ChainResult {
  chain: ChainLink[];
  trusted: boolean;
  problem: { vi: string; en: string } | null;
}

const MAX_PATH = 8;

function link(c: X509Certificate, anchor: boolean): ChainLink {
  return {
    subject: c.subject.replace(/\n/g, ', '),
    issuer: c.issuer.replace(/\n/g, ', '),
    serial: c.serialNumber.toLowerCase(),
    fingerprint: fingerprintOf(c),
    notBefore: new Date(c.validFrom).toISOString(),
    notAfter: new Date(c.validTo).toISOString(),
    anchor,
  };
}

function issuedBy(child: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return child.checkIssued(issuer) && child.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** `extra`: further certificates carried in the signature's X509Data (intermediates); never anchors themselves. */
export function buildChain(leafDer: Buffer, extra: Buffer[], anchors: readonly TrustAnchor[], at: Date): ChainResult {
  const leaf = new X509Certificate(leafDer);
  const leafFp = fingerprintOf(leaf);
  const usable = anchors.filter((a) => !a.onlyForLeaf || a.onlyForLeaf === leafFp);
  const inters: X509Certificate[] = [];
  for (const d of extra) {
    try {
      inters.push(new X509Certificate(d));
    } catch {
      // an unreadable extra certificate cannot help build the path
    }
  }
  const chain: ChainLink[] = [link(leaf, false)];
  const used = new Set([leafFp]);
  let cur = leaf;
  let anchor: X509Certificate | null = null;
  for (let depth = 0; depth < MAX_PATH && !anchor; depth++) {
    const a = usable.find((x) => issuedBy(cur, x.cert));
    if (a) {
      anchor = a.cert;
      chain.push(link(a.cert, true));
      break;
    }
    const next = inters.find((x) => !used.has(fingerprintOf(x)) && x.ca && issuedBy(cur, x));
    if (!next) break;
    used.add(fingerprintOf(next));
    chain.push(link(next, false));
    cur = next;
  }
  if (!anchor) {
    const selfSigned = chain.length === 1 && leaf.checkIssued(leaf);
    return {
      chain,
      trusted: false,
      problem: selfSigned
        ? {
            vi: 'Chứng thư số tự ký (tự cấp cho chính nó) — không tổ chức cấp nào xác nhận người ký và MST',
            en: 'Self-signed certificate — no issuer vouches for the signer and MST',
          }
        : {
            vi: `Tổ chức cấp "${cur.issuer.replace(/\n/g, ', ')}" chưa có trong danh sách tin cậy (Cài đặt › Tổ chức cấp tin cậy, hoặc "kekhai trust add")`,
            en: `Issuer "${cur.issuer.replace(/\n/g, ', ')}" is not in the trust store (Settings › Trusted issuers, or "kekhai trust add")`,
          },
    };
  }
  // Every CA on the path must be a CA and valid at the judged time; the leaf's own dates are checked by the caller.
  const cas = [...chain.slice(1, -1).map((l) => inters.find((x) => fingerprintOf(x) === l.fingerprint)!), anchor];
  for (const ca of cas) {
    if (!ca.ca)
      return {
        chain,
        trusted: false,
        problem: {
          vi: `"${ca.subject.replace(/\n/g, ', ')}" không phải chứng thư CA`,
          en: `"${ca.subject.replace(/\n/g, ', ')}" is not a CA certificate`,
        },
      };
    const v = validityAt(new Date(ca.validFrom), new Date(ca.validTo), at);
    if (v !== 'valid') {
      return {
        chain,
        trusted: false,
        problem: {
          vi: `Chứng thư của tổ chức cấp "${ca.subject.replace(/\n/g, ', ')}" không còn hiệu lực vào thời điểm xét`,
          en: `Issuer certificate "${ca.subject.replace(/\n/g, ', ')}" was not valid at the judged time`,
        },
      };
    }
  }
  return { chain, trusted: true, problem: null };
}
