import { planByCode } from '../codes/plans';
import { ETHNICITIES } from '../codes/ethnicities';
import { computeContributions, rowRegion } from '../contributions/compute';
import { rowContributionDelta } from '../contributions/engine';
import type { Draft } from '../draft/schema';
import { formatAmount, formatRate, parseDmy } from '../format';
import { provincesFor } from '../codes/provinces';
import { isoMonth } from '../rules/month';
import { rowDocuments } from './d01';
import { formsOf } from './build';
import { needsTk1 } from './tk1';
import { rowNote } from './values';

/**
 * The paper layout of the forms: A4 landscape, unit header, the form's columns, totals, signature block, and the
 * "paper copy" note when the dossier was signed with the test certificate. One HTML document, printed by Chromium
 * (`printToPDF` in the desktop app, `page.pdf()` in tests); pure, so the renderer, the CLI and the shell share it.
 */
export interface PrintOptions {
  paperCopyRequired?: boolean;
  /** Shown under the title, e.g. "Đã ký số ngày 20/10/2015". */
  stamp?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
// Salaries and allowances may be coefficients (2,34; 0,2): printed as typed, not rounded to đồng.
const money = (n: number) => formatAmount(n);

/** Every rule under `.kk-print` so the forms' styles never leak into the app around the print view. */
const CSS = `
@page { size: A4 landscape; margin: 10mm; }
.kk-print, .kk-print * { box-sizing: border-box; }
.kk-print { font-family: "Times New Roman", "DejaVu Serif", serif; font-size: 10pt; color: #000; background: #fff; margin: 0; }
.kk-print .form { page-break-after: always; }
.kk-print .form:last-child { page-break-after: auto; }
.kk-print .head { display: flex; justify-content: space-between; }
.kk-print .head .unit { width: 45%; }
.kk-print .head .code { text-align: right; font-weight: bold; }
.kk-print h1 { text-align: center; font-size: 13pt; margin: 6px 0 2px; }
.kk-print .sub { text-align: center; margin: 0 0 6px; }
.kk-print table.grid { width: 100%; border-collapse: collapse; }
.kk-print table.grid th, .kk-print table.grid td { border: 1px solid #000; padding: 2px 3px; vertical-align: top; }
.kk-print table.grid th { font-weight: bold; text-align: center; }
.kk-print td.num { text-align: right; white-space: nowrap; }
.kk-print tr.total td { font-weight: bold; }
.kk-print .sign { display: flex; justify-content: space-between; margin-top: 12px; page-break-inside: avoid; }
.kk-print .sign div { width: 40%; text-align: center; }
.kk-print .sign .space { height: 60px; }
.kk-print .paper-copy { border: 2px solid #000; padding: 4px 8px; margin: 6px 0; font-weight: bold; text-align: center; }
.kk-print .summary td { border: none; padding: 1px 8px 1px 0; }
.kk-print .check { border: 1px dashed #b45309; color: #7c2d12; padding: 4px 8px; margin: 6px 0; }
@media print { .kk-print .check { display: none; } }
`;

function header(d: Draft, code: string, title: string, sub: string, opts: PrintOptions): string {
  return `<div class="head"><div class="unit"><div>Tên đơn vị: <b>${esc(d.unit.name)}</b></div><div>Mã đơn vị: <b>${esc(d.unit.code)}</b></div><div>Mã số thuế: ${esc(d.unit.taxCode)}</div><div>Địa chỉ: ${esc(d.unit.address)}</div><div>Điện thoại: ${esc(d.unit.phone)}</div></div><div class="code">Mẫu ${esc(code)}<br>(Ban hành kèm theo QĐ số 595/QĐ-BHXH)</div></div>
<h1>${esc(title)}</h1><p class="sub">${esc(sub)}</p>${opts.stamp ? `<p class="sub">${esc(opts.stamp)}</p>` : ''}${
    opts.paperCopyRequired
      ? '<div class="paper-copy" data-testid="paper-copy-note">Hồ sơ ký bằng chứng thư số thử nghiệm: đơn vị phải nộp 01 bộ hồ sơ giấy</div>'
      : ''
  }`;
}

/** Mã tỉnh of the unit: its BHXH agency code "0" + 2-digit province + office (bhxh-domain.md §3.5, [INFERENCE]). */
function unitProvinceName(d: Draft): string {
  const signed = parseDmy(d.createdOn);
  const list = provincesFor(signed ? signed.slice(0, 7) : (isoMonth(d.period) ?? '2015-01'));
  return list[d.unit.agencyCode.slice(1, 3)] ?? '';
}

/** "Thanh Hóa, ngày 15 tháng 10 năm 2015": the place (the unit's province) and NgayLap of the dossier. */
export function signingLine(d: Draft): string {
  const [dd, mm, yyyy] = d.createdOn.split('/');
  return `${unitProvinceName(d) || '…'}, ngày ${dd ?? '…'} tháng ${mm ?? '…'} năm ${yyyy ?? '…'}`;
}

function signature(d: Draft): string {
  return `<div class="sign"><div><b>Người lập biểu</b><div><i>(Ký, ghi rõ họ tên)</i></div><div class="space"></div></div><div><i data-testid="print-signing-line">${esc(signingLine(d))}</i><br><b>Thủ trưởng đơn vị</b><div><i>(Ký, ghi rõ họ tên, đóng dấu)</i></div><div class="space"></div><div>${esc(d.unit.signer)}</div></div></div>`;
}

function d02(d: Draft, opts: PrintOptions): string {
  const contrib = computeContributions(d);
  const byIndex = new Map(contrib.rows.map((r) => [r.index, r]));
  let salaryUp = 0;
  let salaryDown = 0;
  const rows = d.rows
    .map((r, i) => {
      const plan = planByCode(r.plan);
      const c = byIndex.get(i);
      // Quỹ lương tăng/giảm from the same engine as the amounts: a DC row moves the fund by the raise only.
      const change = c
        ? (rowContributionDelta(r, undefined, { unitWageRegion: rowRegion(r, d) })?.salaryChange ?? 0)
        : 0;
      if (change < 0) salaryDown -= change;
      else salaryUp += change;
      const a = r.allowances;
      return `<tr><td class="num">${i + 1}</td><td>${esc(r.fullName)}</td><td>${esc(r.insuranceNo)}</td><td>${esc(r.position)}</td><td class="num">${money(r.salary)}</td><td class="num">${money(a.position)}</td><td class="num">${a.seniorityExcessPct}</td><td class="num">${a.seniorityJobPct}</td><td class="num">${money(a.salary)}</td><td class="num">${money(a.other)}</td><td>${esc(r.fromMonth)}</td><td>${esc(r.toMonth)}</td><td title="${esc(plan?.name ?? '')}">${esc(r.plan)}</td><td class="num">${c ? formatRate(c.rate) : ''}</td><td class="num">${c ? money(c.total) : ''}</td><td>${esc(rowNote(r))}</td></tr>`;
    })
    .join('');
  const t = contrib.totals;
  return `<section class="form" data-form="D02-TS">${header(d, 'D02-TS', 'DANH SÁCH LAO ĐỘNG THAM GIA BHXH, BHYT, BHTN, BHTNLĐ-BNN', `Kỳ kê khai ${d.period} — đợt ${d.batch} — Mã cơ quan BHXH ${d.unit.agencyCode}`, opts)}
<table class="grid"><thead><tr><th rowspan="2">STT</th><th rowspan="2">Họ và tên</th><th rowspan="2">Mã số BHXH</th><th rowspan="2">Chức vụ, chức danh nghề</th><th colspan="6">Tiền lương và phụ cấp</th><th rowspan="2">Từ tháng</th><th rowspan="2">Đến tháng</th><th rowspan="2">Phương án</th><th rowspan="2">Tỷ lệ đóng (%)</th><th rowspan="2">Số tiền đóng</th><th rowspan="2">Ghi chú</th></tr>
<tr><th>Hệ số/Mức lương</th><th>Chức vụ</th><th>TN VK (%)</th><th>TN nghề (%)</th><th>Phụ cấp lương</th><th>Bổ sung</th></tr></thead>
<tbody>${rows}<tr class="total" data-testid="print-total"><td colspan="14">Tổng cộng (${d.rows.length} lao động) — quỹ lương tăng ${money(salaryUp)}, giảm ${money(salaryDown)}</td><td class="num">${money(t.total)}</td><td></td></tr></tbody></table>
<table class="summary"><tr><td>Đơn vị đóng:</td><td class="num">${money(t.employer)} đ</td><td>Người lao động đóng:</td><td class="num">${money(t.employee)} đ</td><td>Tổng số phải đóng:</td><td class="num"><b>${money(t.total)} đ</b></td></tr>
<tr><td>Số tờ bìa sổ BHXH:</td><td>${d.sheet.coverSheets ?? 0}</td><td>Số tờ rời sổ BHXH:</td><td>${d.sheet.looseSheets ?? 0}</td><td>Số thẻ BHYT đề nghị cấp:</td><td>${d.sheet.healthCards ?? d.rows.filter((r) => r.plan === 'TM' || r.plan === 'TH').length}</td></tr></table>
${signature(d)}</section>`;
}

/** TK1-TS entries without the address for the result or the primary hospital (KCB): named for the clerk. */
export function tk1Gaps(d: Draft): { index: number; fullName: string; missing: ('address' | 'hospital')[] }[] {
  return d.rows.flatMap((r, index) => {
    if (!needsTk1(r)) return [];
    const missing: ('address' | 'hospital')[] = [];
    if (!r.residence.address.trim()) missing.push('address');
    if (!r.hospital.code.trim()) missing.push('hospital');
    return missing.length ? [{ index, fullName: r.fullName, missing }] : [];
  });
}

function tk1(d: Draft, opts: PrintOptions): string {
  const people = d.rows.filter(needsTk1);
  const gaps = tk1Gaps(d);
  const gapNote = gaps.length
    ? `<div class="check" data-testid="tk1-gaps" role="note">Tờ khai TK1-TS còn thiếu thông tin (không in ra giấy): ${gaps
        .map(
          (g) =>
            `dòng ${g.index + 1} (${esc(g.fullName)}) thiếu ${g.missing.map((m) => (m === 'address' ? 'địa chỉ nhận kết quả' : 'nơi KCB ban đầu')).join(' và ')}`,
        )
        .join('; ')}</div>`
    : '';
  const rows = people
    .map(
      (r, i) =>
        `<tr><td class="num">${i + 1}</td><td>${esc(r.fullName)}</td><td>${esc(r.birthDate)}</td><td>${r.gender === 'M' ? 'Nam' : 'Nữ'}</td><td>${esc(r.nationality)}</td><td>${esc(ETHNICITIES[r.ethnicity] ?? r.ethnicity)}</td><td>${esc(r.idNumber)}</td><td>${esc(r.insuranceNo)}</td><td>${esc([r.residence.address].filter(Boolean).join(', '))}</td><td>${esc(r.hospital.code)}</td><td>${esc(r.personalChanges || planByCode(r.plan)?.name || '')}</td></tr>`,
    )
    .join('');
  return `<section class="form" data-form="TK1-TS">${header(d, 'TK1-TS', 'TỜ KHAI THAM GIA, ĐIỀU CHỈNH THÔNG TIN BHXH, BHYT', `Kèm theo hồ sơ kỳ ${d.period} đợt ${d.batch}`, opts)}${gapNote}
<table class="grid"><thead><tr><th>STT</th><th>Họ và tên</th><th>Ngày sinh</th><th>Giới tính</th><th>Quốc tịch</th><th>Dân tộc</th><th>Số CCCD/CMND</th><th>Mã số BHXH</th><th>Địa chỉ nhận kết quả</th><th>Nơi KCB ban đầu</th><th>Nội dung thay đổi</th></tr></thead>
<tbody>${rows}<tr class="total"><td colspan="11">Tổng cộng: ${people.length} người</td></tr></tbody></table>${signature(d)}</section>`;
}

function d01(d: Draft, opts: PrintOptions): string {
  let n = 0;
  const rows = d.rows
    .flatMap((r) => rowDocuments(d, r).map((doc) => ({ r, doc })))
    .map(
      ({ r, doc }) =>
        `<tr><td class="num">${++n}</td><td>${esc(r.fullName)}</td><td>${esc(r.insuranceNo)}</td><td>${esc(doc.type)}</td><td>${esc(doc.number)}</td><td>${esc(doc.issuedOn)}</td><td>${esc(doc.effectiveOn)}</td><td>${esc(doc.issuer)}</td><td>${esc(doc.summary)}</td><td>${esc(doc.review)}</td></tr>`,
    )
    .join('');
  return `<section class="form" data-form="D01-TS">${header(d, 'D01-TS', 'BẢNG KÊ THÔNG TIN', `Văn bản làm căn cứ kèm theo hồ sơ kỳ ${d.period} đợt ${d.batch}`, opts)}
<table class="grid"><thead><tr><th>STT</th><th>Họ và tên</th><th>Mã số BHXH</th><th>Loại văn bản</th><th>Số văn bản</th><th>Ngày ban hành</th><th>Ngày hiệu lực</th><th>Cơ quan ban hành</th><th>Trích yếu</th><th>Nội dung cần thẩm định</th></tr></thead>
<tbody>${rows}<tr class="total"><td colspan="10">Tổng cộng: ${n} văn bản</td></tr></tbody></table>${signature(d)}</section>`;
}

export function printTitle(d: Draft): string {
  return `Hồ sơ ${d.unit.code} kỳ ${d.period} đợt ${d.batch}`;
}

/** The printable HTML body (sections) and its CSS, for embedding in the renderer inside an element of class `kk-print`. */
export function printSections(d: Draft, opts: PrintOptions = {}): { css: string; body: string } {
  const parts = formsOf(d).map((code) =>
    code === 'D02-TS' ? d02(d, opts) : code === 'TK1-TS' ? tk1(d, opts) : d01(d, opts),
  );
  return { css: CSS, body: parts.join('\n') };
}

/** A complete HTML document of every form the draft produces. */
export function printHtml(d: Draft, opts: PrintOptions = {}): string {
  const { css, body } = printSections(d, opts);
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(printTitle(d))}</title><style>${css}</style></head><body style="margin:0"><div class="kk-print">${body}</div></body></html>`;
}
