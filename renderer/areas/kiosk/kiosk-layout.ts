import { computed, onScopeDispose, ref, type Ref } from 'vue';

/** The three services most customers come for, first and largest on the home screen, in this order. */
export const FEATURED_TYPES = ['PAY', 'CARD', 'INV'] as const;

/**
 * The screen as the kiosk's layout sees it: the window divided by the text scale (the page is zoomed,
 * so 200 % leaves half the width and height in CSS pixels). `roomy` when the other services fit on the
 * home screen beside the featured three; otherwise they sit one tap away.
 */
export interface KioskViewport {
  width: number;
  height: number;
  landscape: boolean;
  roomy: boolean;
}

export function kioskViewport(windowWidth: number, windowHeight: number, scale: number): KioskViewport {
  const width = windowWidth / scale;
  const height = windowHeight / scale;
  const landscape = width > height;
  const roomy = landscape ? width >= 1500 && height >= 900 : height >= 1500 && width >= 900;
  return { width, height, landscape, roomy };
}

/**
 * Font size in CSS pixels that keeps a ticket number on one line at `width`: the number is the one
 * thing a customer must read from the slip and the screen alike, so it shrinks rather than wraps.
 */
export function ticketNumberPx(number: string, width: number, maxPx = 200): number {
  // Tabular digits and capital letters are about 0.62 em wide in the kiosk fonts.
  const fit = (width * 0.8) / (Math.max(number.length, 3) * 0.62);
  return Math.floor(Math.min(maxPx, fit));
}

/** The window's size, kept current, combined with the kiosk's scale. */
export function useKioskViewport(scale: Ref<number>) {
  const w = ref(typeof window === 'undefined' ? 1080 : window.innerWidth);
  const h = ref(typeof window === 'undefined' ? 1920 : window.innerHeight);
  const onResize = () => {
    w.value = window.innerWidth;
    h.value = window.innerHeight;
  };
  window.addEventListener('resize', onResize);
  onScopeDispose(() => window.removeEventListener('resize', onResize));
  return computed(() => kioskViewport(w.value, h.value, scale.value));
}
