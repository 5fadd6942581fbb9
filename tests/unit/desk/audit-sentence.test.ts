import { describe, expect, it } from 'vitest';
import { auditSentence } from '../../../shared/desk/audit-sentence';

describe('the audit log in sentences', () => {
  it('says what happened in Vietnamese (English on request), never "backup.restored, false → true"', () => {
    expect(
      auditSentence({
        action: 'backup.restored',
        subjectType: 'database',
        subjectId: 'kekhai-manual-20151030-100000.db',
        detail: JSON.stringify({
          fromSchemaVersion: 60,
          schemaVersion: 100,
          safetyCopy: 'kekhai-pre-restore-20151030-100500.db',
        }),
      }),
    ).toBe(
      'Khôi phục dữ liệu từ bản sao lưu kekhai-manual-20151030-100000.db; dữ liệu cũ được giữ trong kekhai-pre-restore-20151030-100500.db',
    );
    expect(
      auditSentence({
        action: 'settings.changed',
        subjectType: 'setting',
        subjectId: 'training.enabled',
        detail: JSON.stringify({ from: false, to: true }),
      }),
    ).toBe('Đổi cài đặt “Chế độ tập huấn”: tắt → bật');
    expect(
      auditSentence({
        action: 'settings.changed',
        subjectType: 'setting',
        subjectId: 'testMode.clock',
        detail: JSON.stringify({ from: null, to: '2015-10-31T10:00:00+07:00' }),
      }),
    ).toBe('Đổi cài đặt “Đồng hồ thử”: không đặt → 31/10/2015 10:00');
    expect(
      auditSentence({
        action: 'dossier.accepted',
        subjectType: 'dossier',
        subjectId: 'x',
        detail: JSON.stringify({ from: 'received', to: 'accepted' }),
      }),
    ).toBe('Hồ sơ BHXH đã tiếp nhận → Được chấp nhận');
    expect(
      auditSentence(
        {
          action: 'backup.created',
          subjectType: 'database',
          subjectId: 'a.db',
          detail: JSON.stringify({ kind: 'auto', sizeBytes: 204800 }),
        },
        'en',
      ),
    ).toBe('Data backed up (automatic) to a.db (200 KB)');
    expect(auditSentence({ action: 'unit.created', subjectType: 'unit', subjectId: 'TH00001', detail: null })).toBe(
      'unit.created',
    );
  });
});
