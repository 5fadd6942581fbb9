import type { signingMethods } from '../../shared/contract/signing';
import type { Handlers } from '../core/handlers';
import { AppError } from '../core/app-error';
import { candidateLibraries, currentOs, probeLibrary, readLibraryList } from './discovery';
import { signXmlBytes } from './sign-xml';
import { verifyDossierXml } from './verify';
import { addTrusted, listTrusted, removeTrusted, trustAnchors } from './trust-store';
import { addUserLibrary, removeUserLibrary, userLibraries, userLibraryPath } from './libraries';
import { testCertInfo, testCertSerials } from './test-cert-info';
import { checkMst, recordSignature, signedSummary, withSigner } from './sign-service';
import { makeDossierFromDraft, signStoredDossier } from './dossier';
import { singleFlight } from '../core/single-flight';

export const signingHandlers: Handlers<typeof signingMethods> = {
  'signing.tokens': (input, ctx) => {
    const now = ctx.now();
    const users = userLibraries(ctx);
    const candidates = input.library
      ? [{ id: 'cli', vendor: 'Thư viện chỉ định', path: input.library, source: 'user' as const }]
      : candidateLibraries(readLibraryList(ctx.resourcesDir), users);
    return {
      os: currentOs(),
      arch: process.arch,
      libraries: candidates.map((c) => probeLibrary(c, now)),
      userLibraries: users,
      testCert: testCertInfo(ctx),
      now: now.toISOString(),
    };
  },
  'signing.addLibrary': (input, ctx) => {
    const list = addUserLibrary(ctx, input.path);
    const path = userLibraryPath(input.path);
    return {
      userLibraries: list,
      library: probeLibrary({ id: 'user', vendor: 'Thư viện do người dùng thêm', path, source: 'user' }, ctx.now()),
    };
  },
  'signing.removeLibrary': (input, ctx) => ({ userLibraries: removeUserLibrary(ctx, input.path) }),
  'signing.testCert': (_input, ctx) => testCertInfo(ctx),
  'signing.sign': async (input, ctx) => {
    // Bytes, not a decoded string: a non-UTF-8 file is refused instead of being silently "repaired".
    const bytes = Buffer.from(input.file.base64, 'base64');
    return withSigner(ctx, input.signer, async (signer) => {
      checkMst(ctx, signer, input.unitMst, input.mstOverride, input.dossierRef);
      ctx.progress({ stage: 'sign', done: 0, total: 1 });
      const signed = await signXmlBytes(bytes, signer, ctx.now());
      const sha = recordSignature(ctx, signer, input.file.name, signed, input.dossierRef);
      ctx.progress({ stage: 'sign', done: 1, total: 1 });
      return { file: { name: input.file.name, base64: signed.toString('base64') }, ...signedSummary(signer, sha) };
    });
  },
  'signing.makeDossier': async (input, ctx) => {
    const d = await makeDossierFromDraft(ctx, input);
    return {
      envelope: { name: 'BHXHDienTu.xml', base64: d.envelopeBytes.toString('base64') },
      files: d.files.map((f) => ({
        code: f.code,
        description: f.description,
        fileName: f.fileName,
        sha256: f.sha256,
        bytes: f.bytes,
      })),
      ...d.summary,
    };
  },
  'signing.signDossier': async (input, ctx) => {
    // "Ký" pressed twice: the second waits for the first signature instead of opening the token again.
    const { dossierId, state, d } = await singleFlight(ctx.dataDir, 'signing.signDossier', input, () =>
      signStoredDossier(ctx, input),
    );
    return {
      dossierId,
      state,
      files: d.files.map((f) => ({
        code: f.code,
        description: f.description,
        fileName: f.fileName,
        sha256: f.sha256,
        bytes: f.bytes,
      })),
      ...d.summary,
    };
  },
  'signing.verify': (input, ctx) => {
    if (!input.file.base64) throw new AppError('VALIDATION', 'Tệp rỗng', { en: 'Empty file' });
    // The receipt time is now: an unsigned SigningTime never decides whether the certificate was valid.
    return verifyDossierXml(Buffer.from(input.file.base64, 'base64'), {
      name: input.file.name,
      now: ctx.now(),
      anchors: trustAnchors(ctx),
      testCertSerials: testCertSerials(ctx.resourcesDir),
    });
  },
  'signing.trustList': (_input, ctx) => ({ entries: listTrusted(ctx) }),
  'signing.trustAdd': (input, ctx) =>
    addTrusted(ctx, Buffer.from(input.file.base64, 'base64'), input.file.name, ctx.now()),
  'signing.trustRemove': (input, ctx) => ({ removed: removeTrusted(ctx, input.fingerprint) }),
};
