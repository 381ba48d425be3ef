import type { AttachmentSpec, FormField, FormSchema } from './types';

/** The forms of every business type in docs/domain.md, version 1. */
const f = (
  key: string,
  label: string,
  labelEn: string,
  kind: FormField['kind'],
  required = true,
  extra: Partial<FormField> = {},
): FormField => ({
  key,
  label,
  labelEn,
  kind,
  required,
  ...extra,
});
const opts = (...labels: string[]) => labels.map((l) => ({ value: l, label: l }));
const att = (key: string, label: string, required = true): AttachmentSpec => ({ key, label, required });

const account = f('accountNo', '户号', 'Account no.', 'account');
const applicant = f('applicantName', '申请人', 'Applicant', 'personName', true, { personal: true });
const idNumber = f('idNumber', '证件号码', 'ID number', 'idNumber', true, { personal: true });
const phone = f('phone', '联系电话', 'Phone', 'phone', true, { personal: true });
const idCard = att('idCard', '身份证件（读卡器图像）');

export const FORM_SCHEMAS: readonly FormSchema[] = [
  {
    type: 'PAY',
    version: 1,
    title: '电费缴纳',
    titleEn: 'Bill payment',
    fields: [
      account,
      f('amountFen', '缴费金额', 'Amount', 'amountFen', true, { min: 1, max: 10_000_000 }),
      f('channel', '缴费方式', 'Channel', 'select', true, { options: opts('现金', '银行卡', '扫码') }),
    ],
    attachments: [],
  },
  {
    type: 'CARD',
    version: 1,
    title: '购电卡充值/补卡',
    titleEn: 'Prepaid card top-up / replacement',
    fields: [
      account,
      f('cardNo', '购电卡号', 'Card no.', 'text', true, { maxLength: 20 }),
      f('operation', '办理事项', 'Operation', 'select', true, { options: opts('充值', '补卡') }),
      f('amountFen', '充值金额', 'Amount', 'amountFen', false, { min: 0, max: 5_000_000 }),
    ],
    attachments: [att('idCard', '身份证件', false)],
  },
  {
    type: 'INV',
    version: 1,
    title: '发票打印/电子发票',
    titleEn: 'Invoices',
    fields: [
      account,
      f('periods', '开票账期', 'Billing periods', 'periods'),
      f('invoiceKind', '发票形式', 'Invoice kind', 'select', true, { options: opts('纸质发票', '电子发票') }),
      f('email', '接收邮箱', 'E-mail', 'text', false, { maxLength: 80 }),
    ],
    attachments: [],
  },
  {
    // v2: gender and ID validity, filled from the ID card reader with name, number and address.
    type: 'NEW',
    version: 2,
    title: '新装用电申请',
    titleEn: 'New connection',
    fields: [
      applicant,
      idNumber,
      f('gender', '性别', 'Gender', 'select', false, { options: opts('男', '女', '未说明') }),
      f('idValidTo', '证件有效期至', 'ID valid until', 'text', false, { maxLength: 10 }),
      phone,
      f('address', '用电地址', 'Supply address', 'address', true, { personal: true, maxLength: 120 }),
      f('category', '用电类别', 'Category', 'select', true, { options: opts('低压居民', '低压非居民', '高压') }),
      f('capacityKva', '申请容量', 'Capacity', 'number', true, { min: 1, max: 100_000, unit: 'kVA' }),
      f('usageType', '用电性质', 'Usage type', 'select', true, {
        options: opts('居民生活', '一般工商业', '农业生产', '大工业'),
      }),
      f('wantedDate', '期望接电日期', 'Wanted date', 'date', false, { notPast: true }),
    ],
    attachments: [idCard, att('propertyProof', '房产证明或租赁合同')],
  },
  {
    type: 'CAP',
    version: 1,
    title: '增容/减容申请',
    titleEn: 'Capacity change',
    fields: [
      account,
      applicant,
      phone,
      f('currentKva', '现有容量', 'Current capacity', 'number', true, { min: 1, max: 100_000, unit: 'kVA' }),
      f('requestedKva', '申请容量', 'Requested capacity', 'number', true, { min: 1, max: 100_000, unit: 'kVA' }),
      f('reason', '变更原因', 'Reason', 'textarea', true, { maxLength: 300 }),
    ],
    attachments: [idCard],
  },
  {
    type: 'PV',
    version: 1,
    title: '分布式光伏并网申请',
    titleEn: 'Distributed PV grid connection',
    fields: [
      account,
      applicant,
      phone,
      f('capacityKwp', '装机容量', 'Capacity', 'number', true, { min: 0.1, max: 6_000, unit: 'kWp' }),
      f('inverter', '逆变器型号', 'Inverter model', 'text', true, { maxLength: 60 }),
      f('connection', '并网方式', 'Connection mode', 'select', true, {
        options: opts('全额上网', '自发自用余电上网', '全部自用'),
      }),
    ],
    attachments: [idCard, att('roofProof', '屋顶产权证明')],
  },
  {
    type: 'EV',
    version: 1,
    title: '充电桩报装',
    titleEn: 'EV charger connection',
    fields: [
      f('accountNo', '户号', 'Account no.', 'account', false),
      applicant,
      idNumber,
      phone,
      f('chargerKw', '充电桩功率', 'Charger power', 'number', true, { min: 1, max: 360, unit: 'kW' }),
      f('parkingAddress', '车位地址', 'Parking space', 'address', true, { personal: true, maxLength: 120 }),
    ],
    attachments: [idCard, att('parkingProof', '车位产权或使用证明')],
  },
  {
    type: 'XFER',
    version: 1,
    title: '过户申请',
    titleEn: 'Ownership transfer',
    fields: [
      account,
      f('oldOwner', '原户主', 'Previous owner', 'personName', true, { personal: true }),
      f('newOwner', '新户主', 'New owner', 'personName', true, { personal: true }),
      f('newOwnerId', '新户主证件号码', "New owner's ID number", 'idNumber', true, { personal: true }),
      phone,
    ],
    attachments: [att('idCard', '新户主身份证件'), att('propertyProof', '房产证明')],
  },
  {
    type: 'RENAME',
    version: 1,
    title: '更名申请',
    titleEn: 'Rename account',
    fields: [account, f('newName', '新户名', 'New name', 'personName', true, { personal: true }), idNumber, phone],
    attachments: [idCard, att('renameProof', '更名证明')],
  },
  {
    type: 'TARIFF',
    version: 1,
    title: '改类/峰谷电价/阶梯',
    titleEn: 'Tariff change',
    fields: [
      account,
      f('currentTariff', '现行电价', 'Current tariff', 'select', true, {
        options: opts('居民阶梯', '居民峰谷', '一般工商业'),
      }),
      f('newTariff', '申请电价', 'New tariff', 'select', true, { options: opts('居民阶梯', '居民峰谷', '一般工商业') }),
      phone,
    ],
    attachments: [att('idCard', '身份证件', false)],
  },
  {
    type: 'SUSP',
    version: 1,
    title: '暂停/恢复用电',
    titleEn: 'Suspend / resume',
    fields: [
      account,
      f('operation', '办理事项', 'Operation', 'select', true, { options: opts('暂停', '恢复') }),
      f('fromDate', '开始日期', 'From', 'date', true, { notPast: true }),
      f('toDate', '结束日期', 'To', 'date', false, { notPast: true }),
      phone,
    ],
    attachments: [idCard],
  },
  {
    type: 'CLOSE',
    version: 1,
    title: '销户申请',
    titleEn: 'Close account',
    fields: [
      account,
      f('finalReading', '末次示数', 'Final reading', 'number', true, { min: 0, max: 99_999_999, unit: 'kWh' }),
      f('refundFen', '退还余额', 'Balance refund', 'amountFen', false, { min: 0, max: 100_000_000 }),
      f('refundAccount', '退款银行账号', 'Refund bank account', 'text', false, { maxLength: 30, personal: true }),
      phone,
    ],
    attachments: [idCard],
  },
  {
    type: 'METER',
    version: 1,
    title: '电能表校验申请',
    titleEn: 'Meter test',
    fields: [
      account,
      f('meterNo', '电能表号', 'Meter no.', 'meter'),
      f('complaint', '异常描述', 'Complaint', 'textarea', true, { maxLength: 300 }),
      phone,
    ],
    attachments: [],
  },
  {
    type: 'FAULT',
    version: 1,
    title: '故障报修',
    titleEn: 'Fault report',
    fields: [
      f('address', '故障地址', 'Address', 'address', true, { personal: true, maxLength: 120 }),
      f('description', '故障描述', 'Description', 'textarea', true, { maxLength: 300 }),
      f('contact', '联系人', 'Contact', 'personName', true, { personal: true }),
      phone,
    ],
    attachments: [att('photo', '现场照片', false)],
  },
  {
    type: 'ASK',
    version: 1,
    title: '业务咨询',
    titleEn: 'Enquiry',
    fields: [
      f('topic', '咨询主题', 'Topic', 'select', true, {
        options: opts('电费电价', '业扩报装', '光伏充电桩', '停电信息', '其他'),
      }),
      f('notes', '咨询记录', 'Notes', 'textarea', false, { maxLength: 500 }),
    ],
    attachments: [],
  },
];

export function formSchema(type: string): FormSchema | undefined {
  return FORM_SCHEMAS.find((s) => s.type === type);
}
