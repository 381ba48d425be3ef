import { describe, expect, it } from 'vitest';
import { idCheckDigit } from '@common/domain/id-number';
import { acceptanceSlipLines } from '@common/forms/printout';
import { formSchema } from '@common/forms/schemas';
import { decodeEscPos } from '../../../devices/printer/escpos-decoder';
import { acceptanceSlip } from '../../../devices/printer/templates';

/** The acceptance slip as the printer receives it: decoded back from the ESC/POS bytes. */
describe('acceptance slip on the receipt printer', () => {
  it('prints every line in GB18030, the follow-up QR, and a cut', () => {
    const body = '33010619850312123';
    const values = {
      applicantName: '张小三',
      idNumber: body + idCheckDigit(body),
      phone: '13812345678',
      address: '浙江省杭州市西湖区文三路90号',
      category: '低压居民',
      capacityKva: 8,
      usageType: '居民生活',
    };
    const lines = acceptanceSlipLines({
      schema: formSchema('NEW')!,
      values,
      applicationNo: 'SQ-H001-20261123-NEW-0001-AB12',
      hallName: '文三路营业厅',
      windowNo: 9,
      agentName: '刘洋',
      acceptedAt: '2026-11-23T04:50:00.000Z',
    });
    const qr = 'https://hall.example.cn/app/follow?no=SQ-H001-20261123-NEW-0001-AB12';
    const decoded = decodeEscPos(acceptanceSlip({ lines, qr }));
    if (!decoded.ok) throw new Error(decoded.error.message);
    expect(decoded.value.lines).toContain('受理回执');
    expect(decoded.value.lines).toContain('申请编号：SQ-H001-20261123-NEW-0001-AB12');
    expect(decoded.value.lines).toContain('申请人：张*三');
    expect(decoded.value.text).not.toContain(values.idNumber);
    expect(decoded.value.qr).toEqual([qr]);
    expect(decoded.value.cuts).toBe(1);
  });
});
