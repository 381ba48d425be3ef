/**
 * The two-tone chime before an announcement (WebAudio oscillators, no audio files). Never throws and
 * never blocks: if audio is unavailable or not allowed to start, it resolves at once.
 */
type AudioContextCtor = typeof AudioContext;

let ctx: AudioContext | null = null;

function context(): AudioContext | null {
  if (ctx) return ctx;
  const Ctor: AudioContextCtor | undefined =
    typeof window === 'undefined'
      ? undefined
      : (window.AudioContext ?? (window as unknown as { webkitAudioContext?: AudioContextCtor }).webkitAudioContext);
  if (!Ctor) return null;
  try {
    ctx = new Ctor();
  } catch {
    ctx = null;
  }
  return ctx;
}

/** Whether the browser lets this page play sound yet (autoplay policy needs a gesture). */
export function audioAllowed(): boolean {
  const c = context();
  return !!c && c.state === 'running';
}

/** Call from a user gesture to unlock audio on browsers that require one. */
export async function unlockAudio(): Promise<boolean> {
  const c = context();
  if (!c) return false;
  try {
    if (c.state === 'suspended') await c.resume();
  } catch {
    return false;
  }
  return (c.state as AudioContextState) === 'running';
}

export async function playChime(volume = 0.35): Promise<void> {
  try {
    const c = context();
    if (!c) return;
    if (c.state === 'suspended') {
      await Promise.race([c.resume().catch(() => undefined), new Promise((r) => setTimeout(r, 150))]);
      if ((c.state as AudioContextState) !== 'running') return;
    }
    const start = c.currentTime + 0.02;
    const notes: [number, number][] = [
      [659.25, 0],
      [523.25, 0.42],
    ];
    for (const [freq, offset] of notes) {
      const osc = c.createOscillator();
      const gain = c.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(volume, start + offset + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.7);
      osc.connect(gain).connect(c.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.75);
    }
    await new Promise((r) => setTimeout(r, 1200));
  } catch {
    /* no sound: the announcement still shows */
  }
}
