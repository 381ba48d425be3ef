import { pickVoice } from './voice';

/**
 * Web Speech output. Resolves once the utterance has ended (or failed); when there is no speech
 * synthesis or no voice for the language it resolves at once with `spoken: false` — callers never
 * wait on a voice that cannot speak.
 */
export interface SpeakOutcome {
  spoken: boolean;
  error?: string;
}

export interface SpeakOptions {
  lang?: string;
  rate?: number;
  volume?: number;
  /** Upper bound for one utterance; some engines never fire `end`. */
  maxMs?: number;
}

function synth(): SpeechSynthesis | null {
  return typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined'
    ? window.speechSynthesis
    : null;
}

/** Voices load asynchronously in Chromium: wait briefly for `voiceschanged` the first time. */
let waitedForVoices = false;
async function loadVoices(s: SpeechSynthesis, waitMs = 800): Promise<SpeechSynthesisVoice[]> {
  const now = s.getVoices();
  if (now.length > 0 || waitedForVoices) return now;
  return new Promise((resolve) => {
    const done = (): void => {
      waitedForVoices = true;
      clearTimeout(timer);
      s.removeEventListener('voiceschanged', done);
      resolve(s.getVoices());
    };
    const timer = setTimeout(done, waitMs);
    s.addEventListener('voiceschanged', done);
  });
}

export async function speak(text: string, options: SpeakOptions = {}): Promise<SpeakOutcome> {
  const s = synth();
  if (!s) return { spoken: false, error: 'speechSynthesis unavailable' };
  const lang = options.lang ?? 'zh-CN';
  let voices: SpeechSynthesisVoice[];
  try {
    voices = await loadVoices(s);
  } catch (e) {
    return { spoken: false, error: `voices: ${String(e)}` };
  }
  const index = pickVoice(voices, lang);
  if (index < 0) return { spoken: false, error: `no ${lang} voice` };
  const voice = voices[index];
  return new Promise<SpeakOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: SpeakOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      resolve(outcome);
    };
    const maxMs = options.maxMs ?? Math.max(8000, text.length * 600);
    const guard = setTimeout(() => {
      try {
        s.cancel();
      } catch {
        /* ignore */
      }
      finish({ spoken: false, error: 'speech timed out' });
    }, maxMs);
    try {
      const u = new SpeechSynthesisUtterance(text);
      u.lang = lang;
      if (voice) u.voice = voice;
      u.rate = options.rate ?? 0.9;
      u.volume = options.volume ?? 1;
      u.onend = () => finish({ spoken: true });
      u.onerror = (e) => finish({ spoken: false, error: e.error || 'speech error' });
      s.speak(u);
    } catch (e) {
      finish({ spoken: false, error: String(e) });
    }
  });
}
