/**
 * Masking of personal data for screens (Personal data): 张*三, 3301**********123X,
 * 138****5678, 浙江省杭州市西湖区****. When a value does not have the expected shape the functions
 * mask more, never less. Pure: no Node or browser APIs.
 */

/** Characters, not UTF-16 units: rare given-name characters (e.g. 𠮷) are surrogate pairs. */
const chars = (s: string): string[] => Array.from(s);

/**
 * 张三 → 张*, 张小三 → 张*三, 欧阳娜娜 → 欧**娜: the first and (from three characters on) the last
 * character stay, each other character becomes '*'. A one-character value becomes '*'.
 */
export function maskName(name: string): string {
  const c = chars(name.trim());
  if (c.length === 0) return '';
  if (c.length === 1) return '*';
  if (c.length === 2) return `${c[0]}*`;
  return c[0] + '*'.repeat(c.length - 2) + c[c.length - 1];
}

/**
 * 33010219900101123X → 3301**********123X: the first 4 and last 4 characters stay. Values of 8
 * characters or fewer are masked entirely.
 */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4);
}

/**
 * 13812345678 → 138****5678: the first 3 and last 4 characters stay (for other lengths, the middle
 * is starred one for one). Values of 7 characters or fewer are masked entirely.
 */
export function maskPhone(phone: string): string {
  const s = phone.trim();
  if (s.length <= 7) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}

/** Characters that end an administrative division and never start the name of the next one. */
const DIVISION_END = '省市区县旗';
/**
 * Characters of street-level parts of an address (路, 街道, 号, 镇 …). A district name containing one
 * (道里区, 路南区) is not recognised, and the address is masked from the city on: more, not less.
 */
const STREET_CHARS = '路街道巷弄号镇乡村幢栋楼室单元组';
const NAME = `[^${DIVISION_END}${STREET_CHARS}\\s]`;

const PROVINCE = new RegExp(
  `^(?:北京市|天津市|上海市|重庆市|香港特别行政区|澳门特别行政区|${NAME}{2,3}省|${NAME}{2,10}?自治区)`,
);
const CITY = new RegExp(`^${NAME}{2,10}?(?:市|自治州|地区|盟)`);
const DISTRICT = new RegExp(`^(?:${NAME}{1,4}?(?:区|县|市|旗)|${NAME}{2,10}?自治(?:县|旗))`);

/**
 * Keep the address up to the district level — the province (or municipality), the city and the
 * first 区/县/市/旗 after them — and replace the rest with '****':
 * 浙江省杭州市西湖区文三路90号 → 浙江省杭州市西湖区****. With no district found, what was found of
 * the province and city is kept; with nothing found, the whole address is '****'.
 */
export function maskAddress(address: string): string {
  const s = address.trim().replace(/\s+/g, '');
  if (s === '') return '';
  let kept = '';
  let rest = s;
  const take = (re: RegExp): boolean => {
    const m = re.exec(rest);
    if (!m) return false;
    kept += m[0];
    rest = rest.slice(m[0].length);
    return true;
  };
  take(PROVINCE);
  take(CITY);
  take(DISTRICT);
  return rest === '' ? kept : `${kept}****`;
}
