// Where the module's own static data ends: the JavaScript side places its heap after it.
export function heap_base(): usize {
  return __heap_base;
}
