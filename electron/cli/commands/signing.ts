import type { CliArgs, CliCommand, FlagKind } from '../command';
import { fileBlobFrom, readInputFile, requireFlag, stringFlag, UsageError } from '../command';
import { loadCore } from '../load-core';
import { formatDateVN } from '../../../shared/format';
import type {
  SignerSpecInput,
  LibraryReport,
  VerifyReportOutput,
  TrustEntryOutput,
} from '../../../shared/contract/signing';
import { UNTRUSTED_NOTE, UNTRUSTED_NOTE_EN } from '../../../shared/signing/trust-text';
import { AppError } from '../../core/app-error';
import { writeFileAtomic } from '../../core/atomic-file';

/** `[signer]` = `--pkcs11 LIB [--token-label L | --token-serial S] [--cert-serial HEX] --pin-env VAR` | `--test-cert --password-env VAR`. */
const SIGNER_FLAGS: Record<string, FlagKind> = {
  pkcs11: 'string',
  'token-label': 'string',
  'token-serial': 'string',
  'cert-serial': 'string',
  'pin-env': 'string',
  'test-cert': 'boolean',
  'password-env': 'string',
  'unit-mst': 'string',
  'mst-override': 'string',
};

/** Secrets come from environment variables named on the command line, never from argv (visible in `ps`). */
function secretFromEnv(args: CliArgs, flag: string): string | undefined {
  const name = stringFlag(args, flag);
  if (name === undefined) return undefined;
  const v = process.env[name];
  if (v === undefined)
    throw new UsageError(
      `Biến môi trường ${name} (--${flag}) chưa được đặt`,
      `Environment variable ${name} (--${flag}) is not set`,
    );
  return v;
}

function signerFromFlags(args: CliArgs): SignerSpecInput {
  const lib = stringFlag(args, 'pkcs11');
  if (args.flags['test-cert']) {
    if (lib) throw new UsageError('Chỉ chọn một: --pkcs11 hoặc --test-cert', 'Choose one: --pkcs11 or --test-cert');
    const password = secretFromEnv(args, 'password-env');
    if (password === undefined)
      throw new UsageError(
        '--test-cert cần --password-env VAR (mật khẩu chứng thư thử nghiệm)',
        '--test-cert needs --password-env VAR (the test certificate password)',
      );
    return { kind: 'test-cert', password };
  }
  if (!lib)
    throw new UsageError(
      'Thiếu cách ký: --pkcs11 LIB --pin-env VAR, hoặc --test-cert --password-env VAR',
      'How to sign is missing: --pkcs11 LIB --pin-env VAR, or --test-cert --password-env VAR',
    );
  if (stringFlag(args, 'token-label') && stringFlag(args, 'token-serial'))
    throw new UsageError(
      'Chỉ chọn một: --token-label hoặc --token-serial',
      'Choose one: --token-label or --token-serial',
    );
  return {
    kind: 'pkcs11',
    library: lib,
    tokenLabel: stringFlag(args, 'token-label'),
    tokenSerial: stringFlag(args, 'token-serial'),
    certSerial: stringFlag(args, 'cert-serial'),
    // No --pin-env: a PIN-pad reader asks on the device (protected authentication path).
    pin: secretFromEnv(args, 'pin-env'),
  };
}

function mstOverride(args: CliArgs): { reason: string } | undefined {
  const r = stringFlag(args, 'mst-override');
  return r ? { reason: r } : undefined;
}

function onePositional(args: CliArgs, what: string, whatEn: string): string {
  const p = args.positionals[0];
  if (!p || args.positionals.length > 1)
    throw new UsageError(`Cần đúng một ${what}`, `Exactly one argument expected: ${whatEn}`);
  return p;
}

const tokens: CliCommand = {
  path: ['tokens'],
  usage: 'kekhai tokens [--pkcs11 LIB] [--json]',
  summary: 'Kiểm tra chữ ký số: thư viện PKCS#11, token, chứng thư số / Signing check: libraries, tokens, certificates',
  flags: { pkcs11: 'string' },
  run: (args, io) => io.call('signing.tokens', { library: stringFlag(args, 'pkcs11') }),
  human(value, lang) {
    const v = value as { libraries: LibraryReport[]; testCert: { expired: boolean; notAfter: string } };
    const en = lang === 'en';
    const lines: string[] = [];
    if (!v.libraries.length)
      lines.push(
        en
          ? 'No PKCS#11 library found. Install the CA token driver or add its path.'
          : 'Không thấy thư viện PKCS#11 nào. Hãy cài driver token của nhà cung cấp hoặc thêm đường dẫn.',
      );
    for (const l of v.libraries) {
      lines.push(
        `${l.vendor}: ${l.path}${l.bits ? ` (${l.bits}-bit)` : ''}${l.error ? ` — ${en ? l.error.messageEn : l.error.message}` : ''}`,
      );
      if (l.loaded && !l.tokens.length) lines.push(en ? '  (no token plugged in)' : '  (chưa cắm token)');
      for (const t of l.tokens) {
        lines.push(
          `  Token "${t.label}" ${en ? 'serial' : 'số sê-ri'} ${t.serial} — ${t.manufacturer} ${t.model}${t.pinState !== 'ok' ? ` [${t.pinState}]` : ''}`,
        );
        for (const c of t.certificates) {
          lines.push(
            `    ${c.subjectCN} — MST ${c.mst ?? '?'} — ${c.issuer} — ${en ? 'serial' : 'sê-ri'} ${c.serial} — ${formatDateVN(new Date(c.notBefore))}…${formatDateVN(new Date(c.notAfter))} [${c.validity}${c.expiryWarningDays ? `, ${c.daysLeft}d` : ''}] ${en ? 'key' : 'khóa'}: ${c.privateKey}`,
          );
        }
      }
    }
    lines.push(
      en
        ? `Test certificate: ${v.testCert.expired ? 'expired' : 'usable'} (until 31/10/2015 23:59:59 Vietnam time)`
        : `Chứng thư thử nghiệm: ${v.testCert.expired ? 'đã hết hạn' : 'còn dùng được'} (đến 23:59:59 ngày 31/10/2015 giờ Việt Nam)`,
    );
    return lines.join('\n');
  },
};

const sign: CliCommand = {
  path: ['sign'],
  usage:
    'kekhai sign IN.xml --out OUT.xml (--pkcs11 LIB [--token-label L | --token-serial S] [--cert-serial HEX] --pin-env VAR | --test-cert --password-env VAR) [--unit-mst MST [--mst-override LÝ_DO]]',
  summary: 'Ký một tệp XML vào Cky/CKy_Dvi (hoặc cuối phần tử gốc) / Sign one XML file',
  flags: { out: 'string', ...SIGNER_FLAGS },
  async run(args, io) {
    const input = onePositional(args, 'tệp XML cần ký', 'the XML file to sign');
    const out = requireFlag(args, 'out');
    const signer = signerFromFlags(args);
    const r = await io.call('signing.sign', {
      file: fileBlobFrom(input),
      signer,
      unitMst: stringFlag(args, 'unit-mst'),
      mstOverride: mstOverride(args),
    });
    writeFileAtomic(out, Buffer.from(r.file.base64, 'base64'));
    const { file: _file, ...summary } = r;
    void _file;
    return { out, ...summary };
  },
  human(value, lang) {
    const v = value as { out: string; signer: string; mst: string | null; notice: string | null; warnings: string[] };
    return [
      lang === 'en'
        ? `Signed by ${v.signer} (MST ${v.mst ?? '?'}) → ${v.out}`
        : `Đã ký bởi ${v.signer} (MST ${v.mst ?? '?'}) → ${v.out}`,
      ...(v.notice ? [v.notice] : []),
      ...v.warnings,
    ].join('\n');
  },
};

/** The verify report for a file refused before any signature could be checked. */
function refusedReport(name: string, e: AppError) {
  const file = {
    name,
    valid: false,
    trusted: false,
    state: 'invalid' as const,
    signer: null,
    mst: null,
    issuer: null,
    chain: [],
    reason: `Tệp bị từ chối: ${e.message}`,
    reasonEn: `File refused: ${e.messageEn ?? e.message}`,
    code: e.code,
    judgedAt: null,
    timeSource: null,
    signingTime: null,
    revocation: 'not-checked' as const,
    paperCopyRequired: false,
  };
  return { valid: false, trusted: false, files: [file] };
}

const verify: CliCommand = {
  path: ['verify'],
  usage: 'kekhai verify FILE [--allow-untrusted] [--json]',
  summary: 'Kiểm tra chữ ký của hồ sơ BHXHDienTu.xml và từng tờ khai / Verify a signed dossier and each form',
  flags: { 'allow-untrusted': 'boolean' },
  async run(args, io) {
    const path = onePositional(args, 'tệp cần kiểm tra', 'the file to verify');
    const file = fileBlobFrom(path);
    let r: VerifyReportOutput;
    try {
      r = await io.call('signing.verify', { file });
    } catch (e) {
      // A file the strict reader refuses (ill-formed, comments, non-UTF-8, too large …) is a verdict too: the same
      // JSON shape, invalid, with the refusal as the reason (exit 1 through exitCode). Internal faults stay errors.
      if (!(e instanceof AppError) || e.code === 'INTERNAL') throw e;
      return refusedReport(file.name, e);
    }
    // The JSON contract of issue #12: {valid, trusted, files: [{name, valid, trusted, signer, mst, chain, reason}]}.
    return {
      valid: r.valid,
      trusted: r.trusted,
      files: r.files.map((f) => ({
        name: f.name,
        valid: f.valid,
        trusted: f.trusted,
        state: f.state,
        signer: f.signer,
        mst: f.mst,
        issuer: f.issuer,
        chain: f.chain,
        reason: f.reason,
        reasonEn: f.reasonEn,
        judgedAt: f.judgedAt,
        timeSource: f.timeSource,
        signingTime: f.signingTime,
        revocation: f.revocation,
        paperCopyRequired: f.paperCopyRequired ?? false,
      })),
    };
  },
  // Intact but not trusted is exit 1 unless the clerk says --allow-untrusted; invalid is always 1.
  exitCode: (value, args) => {
    const v = value as VerifyReportOutput;
    return v.valid && (v.trusted || args.flags['allow-untrusted'] === true) ? 0 : 1;
  },
  human(value, lang) {
    const v = value as VerifyReportOutput;
    const en = lang === 'en';
    const head = !v.valid
      ? en
        ? 'INVALID'
        : 'KHÔNG HỢP LỆ'
      : v.trusted
        ? en
          ? 'VALID, TRUSTED ISSUER'
          : 'HỢP LỆ, TỔ CHỨC CẤP TIN CẬY'
        : en
          ? `INTACT, ISSUER NOT VERIFIED — ${UNTRUSTED_NOTE_EN}`
          : `CHƯA XÁC MINH — ${UNTRUSTED_NOTE}`;
    const lines = [head];
    for (const f of v.files) {
      const mark = f.state === 'trusted' ? '✓' : f.state === 'untrusted' ? '?' : '✗';
      lines.push(`${mark} ${f.name} — ${f.signer ?? '?'} (MST ${f.mst ?? '?'}) — ${en ? f.reasonEn : f.reason}`);
      if (f.chain.length > 1) lines.push(`    ${f.chain.map((c) => c.subject).join(' ← ')}`);
    }
    lines.push(en ? 'Revocation (CRL/OCSP): not checked' : 'Thu hồi chứng thư (CRL/OCSP): chưa kiểm tra');
    return lines.join('\n');
  },
};

const trustLine = (e: TrustEntryOutput, en: boolean) =>
  `${e.fingerprint}  ${e.subject}  ${formatDateVN(new Date(e.notBefore))}–${formatDateVN(new Date(e.notAfter))}${e.source === 'built-in' ? (en ? '  [built-in, test certificate only]' : '  [có sẵn, chỉ cho chứng thư thử nghiệm]') : ''}`;

const trustAdd: CliCommand = {
  path: ['trust', 'add'],
  usage: 'kekhai trust add CA.pem|CA.cer|BUNDLE.p7b [--json]',
  summary: 'Nhập chứng thư CA tin cậy / Import trusted CA certificates',
  run: (args, io) =>
    io.call('signing.trustAdd', {
      file: fileBlobFrom(onePositional(args, 'tệp chứng thư CA', 'the CA certificate file')),
    }),
  human(value, lang) {
    const v = value as { added: TrustEntryOutput[]; present: TrustEntryOutput[] };
    const en = lang === 'en';
    return [
      ...v.added.map((e) => `${en ? 'Added' : 'Đã thêm'}: ${trustLine(e, en)}`),
      ...v.present.map((e) => `${en ? 'Already trusted' : 'Đã có'}: ${trustLine(e, en)}`),
    ].join('\n');
  },
};

const trustList: CliCommand = {
  path: ['trust', 'list'],
  usage: 'kekhai trust list [--json]',
  summary: 'Danh sách tổ chức cấp tin cậy / Trusted issuers',
  run: (_args, io) => io.call('signing.trustList', {}),
  human(value, lang) {
    const v = value as { entries: TrustEntryOutput[] };
    const en = lang === 'en';
    if (!v.entries.length)
      return en
        ? 'No trusted issuer yet: import your CA certificates with "kekhai trust add".'
        : 'Chưa có tổ chức cấp tin cậy nào: nhập chứng thư CA bằng "kekhai trust add".';
    return v.entries.map((e) => trustLine(e, en)).join('\n');
  },
};

const trustRemove: CliCommand = {
  path: ['trust', 'remove'],
  usage: 'kekhai trust remove FINGERPRINT [--json]',
  summary: 'Bỏ một chứng thư CA tin cậy / Remove a trusted CA certificate',
  run: (args, io) =>
    io.call('signing.trustRemove', {
      fingerprint: onePositional(args, 'dấu vân tay SHA-256', 'the SHA-256 fingerprint'),
    }),
  human(value, lang) {
    const v = value as { removed: TrustEntryOutput };
    return `${lang === 'en' ? 'Removed' : 'Đã bỏ'}: ${trustLine(v.removed, lang === 'en')}`;
  },
};

const dossierMake: CliCommand = {
  path: ['dossier', 'make'],
  usage: 'kekhai dossier make DRAFT.json --out BHXHDienTu.xml [signer] [--now ISO] [--json]',
  summary:
    'Lập hồ sơ: dựng tờ khai, ký từng tờ khai, đóng gói và ký hồ sơ / Build, sign each form, wrap and sign the envelope',
  flags: { out: 'string', ...SIGNER_FLAGS },
  async run(args, io) {
    const path = onePositional(args, 'tệp bản nháp (DRAFT.json)', 'the draft file (DRAFT.json)');
    const out = requireFlag(args, 'out');
    const readDraft = () => {
      try {
        return JSON.parse(readInputFile(path).toString('utf8')) as unknown;
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw new AppError('VALIDATION', `Tệp ${path} không phải JSON hợp lệ: ${(e as Error).message}`, {
          en: `${path} is not valid JSON: ${(e as Error).message}`,
        });
      }
    };
    // Straight to the file (not through `signing.makeDossier`, whose Base64 result would hold the whole envelope).
    const { makeDossierFile } = await (await loadCore()).loadDossierFile();
    const summary = await makeDossierFile(
      io.context(),
      readDraft,
      { signer: signerFromFlags(args), mstOverride: mstOverride(args) },
      out,
    );
    return { out, ...summary };
  },
  human(value, lang) {
    const v = value as {
      out: string;
      files: { fileName: string }[];
      signer: string;
      mst: string | null;
      notice: string | null;
      warnings: string[];
    };
    return [
      lang === 'en'
        ? `Dossier ${v.out}: ${v.files.map((f) => f.fileName).join(', ')} signed by ${v.signer} (MST ${v.mst ?? '?'})`
        : `Hồ sơ ${v.out}: ${v.files.map((f) => f.fileName).join(', ')} — ký bởi ${v.signer} (MST ${v.mst ?? '?'})`,
      ...(v.notice ? [v.notice] : []),
      ...v.warnings,
    ].join('\n');
  },
};

export const signingCommands: CliCommand[] = [tokens, sign, verify, trustAdd, trustList, trustRemove, dossierMake];
