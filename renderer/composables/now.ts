import { onScopeDispose, ref, type Ref } from 'vue';

/** A ticking `Date.now()` for clocks and timers; stops with the component. */
export function useNow(intervalMs = 1000): Ref<number> {
  const now = ref(Date.now());
  const timer = setInterval(() => {
    now.value = Date.now();
  }, intervalMs);
  onScopeDispose(() => clearInterval(timer));
  return now;
}
