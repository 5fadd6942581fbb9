import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { z } from 'zod';
import { AppError } from '../core/app-error';
import {
  errorBody,
  IDEMPOTENCY_HEADER,
  notificationBody,
  PATHS,
  PROVIDER_HEADER,
  receiptBody,
  statusBody,
  type NotificationBody,
  type NotificationsPage,
  type ReceiptBody,
  type StatusBody,
} from '../../shared/ivan/profile';
import { checkEndpoint } from './endpoint-policy';
import type { AdapterOptions, IvanAdapter } from './adapter';
import { megabytes } from '../host/body-limits';

/**
 * Answers larger than this are hostile or broken: a receipt is a few kB, and a page of notifications is asked again
 * smaller when it passes this (an accepted dossier lists the mã số BHXH of each new participant, about 90 bytes each).
 */
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;

interface Raw {
  status: number;
  contentType: string;
  contentEncoding: string;
  retryAfter: string;
  location: string;
  body: Buffer;
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_NOT_YET_VALID',
  'EPROTO',
]);

function networkError(e: NodeJS.ErrnoException, origin: string): AppError {
  const code = e.code ?? '';
  if (TLS_CODES.has(code)) {
    return new AppError(
      'IVAN_TLS',
      `Chứng thư bảo mật (TLS) của máy chủ I-VAN ${origin} không hợp lệ (${code}); không gửi hồ sơ`,
      {
        en: `The I-VAN server ${origin} has an invalid TLS certificate (${code}); nothing was sent`,
        details: { code },
        cause: e,
      },
    );
  }
  if (code === 'IVAN_TIMEOUT') {
    return new AppError('IVAN_TIMEOUT', `Máy chủ I-VAN ${origin} không trả lời trong thời hạn; hồ sơ sẽ được gửi lại`, {
      en: `The I-VAN server ${origin} did not answer in time; the dossier will be retried`,
      cause: e,
    });
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(e.message)) {
    return new AppError(
      'IVAN_CONNECTION_LOST',
      `Mất kết nối với máy chủ I-VAN ${origin} trước khi nhận được trả lời; hồ sơ sẽ được gửi lại (không bị nộp trùng)`,
      {
        en: `Connection to ${origin} was lost before an answer; the dossier will be retried (never filed twice)`,
        details: { code },
        cause: e,
      },
    );
  }
  return new AppError(
    'IVAN_UNREACHABLE',
    `Không kết nối được máy chủ I-VAN ${origin} (${code || e.message}); hồ sơ vẫn trong hàng đợi`,
    {
      en: `Cannot reach the I-VAN server ${origin} (${code || e.message}); the dossier stays queued`,
      details: { code },
      cause: e,
    },
  );
}

/** A page whose items are checked one by one (see `notifications`). */
const looseNotificationsPage = z.object({
  items: z.array(z.unknown()).max(1000),
  next: z.number().int().nonnegative(),
});
const knownKind = notificationBody.shape.kind;

/** Longest wait a Retry-After may impose: a hostile or mistaken value must not park the queue for days. */
const MAX_RETRY_AFTER_MS = 60 * 60_000;

/**
 * Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Milliseconds from `now`, capped; undefined when
 * absent or unparsable (the ordinary backoff applies).
 */
export function retryAfterMs(value: string, now: number): number | undefined {
  const v = value.trim();
  if (!v) return undefined;
  const ms = /^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(v) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS);
}

export class HttpIvanAdapter implements IvanAdapter {
  private readonly base: URL;
  private readonly timeoutMs: number;
  constructor(private readonly opts: AdapterOptions) {
    this.base = checkEndpoint(opts.endpoint);
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  private exchange(
    method: 'GET' | 'POST',
    path: string,
    headers: Record<string, string>,
    body?: Uint8Array,
  ): Promise<Raw> {
    const url = new URL(path.replace(/^\//, ''), this.base.href.endsWith('/') ? this.base.href : this.base.href + '/');
    const isHttps = url.protocol === 'https:';
    const h: Record<string, string> = { accept: 'application/json', ...headers };
    if (this.opts.credentials) {
      h.authorization =
        'Basic ' +
        Buffer.from(`${this.opts.credentials.username}:${this.opts.credentials.password}`, 'utf8').toString('base64');
    }
    if (body) h['content-length'] = String(body.byteLength);
    return new Promise<Raw>((resolve, reject) => {
      const req = (isHttps ? httpsRequest : httpRequest)(
        url,
        {
          method,
          headers: h,
          // TLS is always verified; a private CA can be added, verification cannot be turned off.
          ...(isHttps ? { rejectUnauthorized: true, ca: this.opts.ca, minVersion: 'TLSv1.2' as const } : {}),
          agent: false,
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > MAX_RESPONSE_BYTES) {
              req.destroy(Object.assign(new Error('response too large'), { code: 'IVAN_TOO_LARGE' }));
              return;
            }
            chunks.push(c);
          });
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              contentType: String(res.headers['content-type'] ?? ''),
              contentEncoding: String(res.headers['content-encoding'] ?? '')
                .trim()
                .toLowerCase(),
              retryAfter: String(res.headers['retry-after'] ?? ''),
              location: String(res.headers.location ?? ''),
              body: Buffer.concat(chunks),
            }),
          );
          res.on('error', reject);
        },
      );
      // One deadline for the whole exchange, so a server trickling bytes cannot hold the sender forever.
      const timer = setTimeout(
        () => req.destroy(Object.assign(new Error('timeout'), { code: 'IVAN_TIMEOUT' })),
        this.timeoutMs,
      );
      req.on('close', () => clearTimeout(timer));
      req.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (e.code === 'IVAN_TOO_LARGE')
          reject(
            this.bad(`câu trả lời quá lớn, trên ${megabytes(MAX_RESPONSE_BYTES)}`, 'response too large', {
              tooLarge: true,
            }),
          );
        else reject(networkError(e, this.base.origin));
      });
      if (body) req.end(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
      else req.end();
    });
  }

  private bad(vi: string, en: string, details?: { tooLarge: true }): AppError {
    return new AppError(
      'IVAN_BAD_RESPONSE',
      `Máy chủ I-VAN ${this.base.origin} trả lời không đúng giao thức (${vi}); câu trả lời bị bỏ qua`,
      {
        en: `The I-VAN server ${this.base.origin} answered outside the protocol (${en}); the answer was ignored`,
        details,
      },
    );
  }

  /**
   * The body as text. Some vendors' gateways compress although we send no Accept-Encoding (RFC 9110 §8.4 lets a
   * recipient decode what the Content-Encoding names); decoding is capped like the raw body, so a small "gzip bomb"
   * cannot grow into memory. A leading UTF-8 BOM (a .NET gateway quirk) is dropped: RFC 8259 §8.1 lets a parser
   * ignore it, and JSON.parse would otherwise refuse a valid receipt.
   */
  private text(raw: Raw): string {
    const cap = { maxOutputLength: MAX_RESPONSE_BYTES };
    let body = raw.body;
    try {
      if (raw.contentEncoding === 'gzip' || raw.contentEncoding === 'x-gzip') body = gunzipSync(body, cap);
      else if (raw.contentEncoding === 'deflate') body = inflateSync(body, cap);
      else if (raw.contentEncoding === 'br') body = brotliDecompressSync(body, cap);
      else if (raw.contentEncoding && raw.contentEncoding !== 'identity')
        throw this.bad(`mã hoá nội dung ${raw.contentEncoding}`, `content encoding ${raw.contentEncoding}`);
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw this.bad('nội dung nén hỏng hoặc quá lớn', 'corrupt or oversized compressed body');
    }
    return body.toString('utf8').replace(/^\uFEFF/, '');
  }

  /**
   * A vendor's error text may echo what it was sent (seen: "wrong password 'xyz' for user"); the clerk's message and
   * the stored last_error must never carry the password or the Authorization value.
   */
  private redact(text: string): string {
    const c = this.opts.credentials;
    if (!c || !c.password) return text;
    const basic = Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64');
    return text.split(basic).join('***').split(c.password).join('***');
  }

  /**
   * 3xx (RFC 9110 §15.4) is never followed: following would send the signed dossier and the Basic credentials to
   * wherever a proxy, captive portal or login page points (another host, or http). Retrying cannot help either, so
   * the entry is held and the clerk is told to check the address; only the target's origin is shown (a login URL's
   * query may carry a session token).
   */
  private redirected(raw: Raw): AppError {
    let target = '';
    try {
      target = raw.location ? new URL(raw.location, this.base).origin : '';
    } catch {
      // an unparsable Location: name no target
    }
    const to = target ? ` tới ${target}` : '';
    return new AppError(
      'IVAN_REDIRECT',
      `Máy chủ I-VAN ${this.base.origin} chuyển hướng yêu cầu (HTTP ${raw.status})${to}; không đi theo để hồ sơ và mật khẩu không bị gửi nơi khác. Hãy kiểm tra địa chỉ I-VAN trong Cài đặt (hoặc mạng đang đòi đăng nhập)`,
      {
        en: `The I-VAN ${this.base.origin} redirected the request (HTTP ${raw.status})${target ? ` to ${target}` : ''}; not followed. Check the I-VAN address in Settings (or a network login page)`,
        details: { status: raw.status, target },
      },
    );
  }

  private parse<T extends z.ZodType>(raw: Raw, schema: T, okStatuses: number[]): z.output<T> {
    if (okStatuses.includes(raw.status)) {
      if (!/^application\/json\b/i.test(raw.contentType)) {
        // An HTML page with 200 is almost always a captive portal, a proxy's block page or an SSO login, not the
        // I-VAN: say so, since the clerk can fix it (log in to the network) and the retry will then go through.
        const html = /^text\/html\b/i.test(raw.contentType);
        throw this.bad(
          `kiểu nội dung ${raw.contentType || 'trống'}${html ? ' — có thể là trang đăng nhập của mạng hoặc proxy' : ''}`,
          `content type ${raw.contentType || 'missing'}${html ? ' — probably a network login or proxy page' : ''}`,
        );
      }
      const text = this.text(raw);
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        throw this.bad('không phải JSON', 'not JSON');
      }
      const r = schema.safeParse(data);
      if (!r.success) throw this.bad('thiếu hoặc sai trường dữ liệu', 'missing or malformed fields');
      return r.data;
    }
    let message = '';
    try {
      const e = errorBody.safeParse(JSON.parse(this.text(raw)));
      if (e.success) message = e.data.error.message;
    } catch {
      // a non-JSON error page: keep the status only
    }
    message = this.redact(message.slice(0, 300));
    const detail = message ? `: ${message}` : '';
    if (raw.status >= 300 && raw.status < 400) throw this.redirected(raw);
    if (raw.status === 401 || raw.status === 403)
      throw new AppError(
        'IVAN_AUTH',
        `I-VAN từ chối tài khoản (HTTP ${raw.status})${detail}. Kiểm tra tên đăng nhập và mật khẩu I-VAN của đơn vị trong Cài đặt; hồ sơ tạm dừng, không gửi lại cho đến khi sửa`,
        {
          en: `The I-VAN refused the credentials (HTTP ${raw.status}); check the unit's I-VAN username and password in Settings — the dossier is held until then`,
          details: { status: raw.status },
        },
      );
    if (raw.status === 409)
      throw new AppError('IVAN_CONFLICT', `I-VAN báo trùng mã hồ sơ${detail}`, {
        en: `The I-VAN reports a key conflict`,
        details: { status: raw.status },
      });
    if (raw.status === 413)
      // Held for a person: the same file would be refused again. The gateway's message names its limit.
      throw new AppError(
        'IVAN_REFUSED',
        `I-VAN từ chối hồ sơ vì quá dung lượng (HTTP 413)${detail}. Chia tờ khai thành nhiều đợt ít dòng hơn rồi ký và nộp lại`,
        {
          en: `The I-VAN refused the dossier as too large (HTTP 413)${detail}; split the declaration into smaller batches, sign and submit again`,
          details: { status: raw.status, message },
        },
      );
    if (raw.status === 404)
      throw new AppError('IVAN_NOT_FOUND', `I-VAN không tìm thấy giao dịch${detail}`, {
        en: 'The I-VAN does not know this transaction',
        details: { status: raw.status },
      });
    if (raw.status >= 500 || raw.status === 429)
      throw new AppError(
        'IVAN_UNAVAILABLE',
        `Máy chủ I-VAN tạm thời không phục vụ (HTTP ${raw.status}); hồ sơ sẽ được gửi lại`,
        {
          en: `The I-VAN is temporarily unavailable (HTTP ${raw.status}); the dossier will be retried`,
          details: { status: raw.status, retryAfterMs: retryAfterMs(raw.retryAfter, Date.now()) },
        },
      );
    if (raw.status >= 400)
      throw new AppError('IVAN_REFUSED', `I-VAN từ chối yêu cầu (HTTP ${raw.status})${detail}`, {
        en: `The I-VAN refused the request (HTTP ${raw.status})`,
        details: { status: raw.status, message },
      });
    throw this.bad(`mã HTTP ${raw.status}`, `HTTP status ${raw.status}`);
  }

  async submit(xml: Uint8Array, key: string, kind: 'dossier' | 'registration'): Promise<ReceiptBody> {
    const headers: Record<string, string> = {
      'content-type': 'application/xml; charset=utf-8',
      [IDEMPOTENCY_HEADER]: key,
    };
    if (this.opts.providerCode) headers[PROVIDER_HEADER] = this.opts.providerCode;
    const raw = await this.exchange('POST', kind === 'dossier' ? PATHS.dossiers : PATHS.registrations, headers, xml);
    const receipt = this.parse(raw, receiptBody, [200, 201]);
    if (receipt.dossierId !== key) throw this.bad('biên nhận của hồ sơ khác', 'receipt for another dossier');
    return receipt;
  }

  async status(transactionId: string): Promise<StatusBody> {
    const raw = await this.exchange('GET', PATHS.dossier(transactionId), {});
    const s = this.parse(raw, statusBody, [200]);
    if (s.transactionId !== transactionId)
      throw this.bad('trạng thái của giao dịch khác', 'status of another transaction');
    return s;
  }

  /**
   * One page of notifications after the cursor. A page over the answer cap is asked again at half the size, down to
   * one notification: refused whole, it stalled the cursor and no later result ever reached the clerk.
   */
  async notifications(after: number): Promise<NotificationsPage> {
    for (let limit = 200; ; limit = Math.ceil(limit / 2)) {
      try {
        return await this.notificationsPage(after, limit);
      } catch (e) {
        const tooLarge = e instanceof AppError && (e.details as { tooLarge?: boolean } | undefined)?.tooLarge;
        if (!tooLarge || limit === 1) throw e;
      }
    }
  }

  private async notificationsPage(after: number, limit: number): Promise<NotificationsPage> {
    const raw = await this.exchange(
      'GET',
      `${PATHS.notifications}?after=${Math.max(0, Math.floor(after))}&limit=${limit}`,
      {},
    );
    const page = this.parse(raw, looseNotificationsPage, [200]);
    if (page.next < after) throw this.bad('con trỏ thông báo đi lùi', 'notification cursor went backwards');
    const items: NotificationBody[] = [];
    for (const item of page.items) {
      // A kind this version does not know (a provider's newer notice type) is skipped, not fatal: refusing the
      // whole page would stall the cursor and hide every later result from the clerk.
      if (!knownKind.safeParse((item as { kind?: unknown } | null)?.kind).success) continue;
      const n = notificationBody.safeParse(item);
      if (!n.success) throw this.bad('thông báo thiếu hoặc sai trường dữ liệu', 'malformed notification');
      // Ids at or below the cursor were read before (some servers start a page at the cursor itself): read past.
      if (n.data.id > after) items.push(n.data);
    }
    return { items, next: page.next };
  }
}
