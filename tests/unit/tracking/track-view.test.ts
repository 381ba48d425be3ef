import { describe, expect, it } from 'vitest';
import type { ApplicationDetail } from '@common/api/journey-schemas';
import { trackSteps, trackTodo, trackView } from '../../../main/tracking/application-tracking';

const ev = (status: string, at: string) => ({ status, at, note: null });

const detail = (
  over: Partial<ApplicationDetail['application']>,
  rest: Partial<ApplicationDetail> = {},
): ApplicationDetail => ({
  application: {
    id: 'ap-1',
    applicationNo: 'SQ-H001-20261123-NEW-0001-AB12',
    type: 'NEW',
    formVersion: 2,
    customerId: null,
    status: 'submitted',
    summary: '',
    values: {
      applicantName: '欧阳娜娜',
      idNumber: '330106198503121234',
      phone: '13812345678',
      address: '浙江省杭州市西湖区文三路90号',
    },
    contentHash: 'h',
    createdAt: 'a',
    updatedAt: 'u',
    submittedAt: '2026-11-23T02:00:00.000Z',
    events: [ev('submitted', 't1')],
    ...over,
  },
  signature: null,
  signatureValidity: 'none',
  attachments: [],
  ...rest,
});

describe('track view', () => {
  it('steps: the current one, those passed with their times, those ahead waiting; completed is all done', () => {
    expect(trackSteps('in_progress', [ev('submitted', 't1'), ev('accepted', 't2'), ev('in_progress', 't3')])).toEqual([
      { key: 'submitted', state: 'done', at: 't1' },
      { key: 'accepted', state: 'done', at: 't2' },
      { key: 'in_progress', state: 'current', at: 't3' },
      { key: 'completed', state: 'waiting', at: null },
    ]);
    expect(
      trackSteps('completed', [
        ev('submitted', 't1'),
        ev('accepted', 't2'),
        ev('in_progress', 't3'),
        ev('completed', 't4'),
      ]).map((s) => s.state),
    ).toEqual(['done', 'done', 'done', 'done']);
    expect(trackSteps('rejected', [ev('submitted', 't1'), ev('accepted', 't2'), ev('rejected', 't3')])).toEqual([
      { key: 'submitted', state: 'done', at: 't1' },
      { key: 'accepted', state: 'done', at: 't2' },
      { key: 'rejected', state: 'rejected', at: 't3' },
    ]);
  });

  it('to-dos: required documents not attached, a signature voided by an amendment, or nothing but waiting', () => {
    expect(trackTodo(detail({}))).toEqual([
      { kind: 'missingDocument', document: '身份证件（读卡器图像）' },
      { kind: 'missingDocument', document: '房产证明或租赁合同' },
    ]);
    const attached = (kind: string) => ({
      id: kind,
      kind,
      fileName: 'f',
      mime: 'image/png' as const,
      size: 1,
      sha256: 'x',
      at: 'a',
    });
    expect(
      trackTodo(
        detail({}, { attachments: [attached('idCard'), attached('propertyProof')], signatureValidity: 'invalidated' }),
      ),
    ).toEqual([{ kind: 'resign' }]);
    expect(trackTodo(detail({}, { attachments: [attached('idCard'), attached('propertyProof')] }))).toEqual([
      { kind: 'wait' },
    ]);
    expect(trackTodo(detail({ status: 'completed' }))).toEqual([{ kind: 'none' }]);
    expect(trackTodo(detail({ status: 'rejected' }))).toEqual([{ kind: 'contactHall' }]);
  });

  it('carries the masked applicant and none of the other personal values', () => {
    const v = trackView(detail({}), '文三路营业厅', '2027-05-22');
    expect(v).toMatchObject({
      applicant: '欧**娜',
      businessName: '新装',
      businessNameEn: 'New connection',
      hallName: '文三路营业厅',
      expires: '2027-05-22',
    });
    const text = JSON.stringify(v);
    for (const secret of ['欧阳娜娜', '330106198503121234', '13812345678', '文三路90号'])
      expect(text).not.toContain(secret);
  });
});
