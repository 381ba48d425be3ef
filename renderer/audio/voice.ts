/** Choosing a speech voice for a language. Pure (no DOM types), unit-tested in Node. */
export interface VoiceInfo {
  lang: string;
  localService: boolean;
}

const normalise = (lang: string): string => lang.replace('_', '-').toLowerCase();

/** Index of the best voice for `lang` (exact, then zh variants, then same base language), or -1. */
export function pickVoice(voices: readonly VoiceInfo[], lang: string): number {
  const want = normalise(lang);
  const base = want.split('-')[0] ?? want;
  const score = (v: VoiceInfo): number => {
    const l = normalise(v.lang);
    let s = 0;
    if (l === want) s += 4;
    else if (base === 'zh' && (l === 'cmn-hans-cn' || l === 'zh-hans-cn' || l === 'zh')) s += 3;
    else if (l.split('-')[0] === base && base !== 'zh') s += 2;
    else return -1;
    if (v.localService) s += 1;
    return s;
  };
  let best = -1;
  let bestScore = -1;
  voices.forEach((v, i) => {
    const s = score(v);
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  });
  return bestScore >= 0 ? best : -1;
}
