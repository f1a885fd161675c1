/**
 * What every staff page does as a page: names itself in the browser's title (restored when the
 * wall comes back) and, after an in-app navigation, puts focus on its heading so keyboard and
 * screen-reader users start reading the new page instead of somewhere in the old one.
 */
import type { Ref } from 'vue'
import { nextTick, onBeforeUnmount, onMounted, watch, watchEffect } from 'vue'
import { useRoute } from 'vue-router'
import { t } from '~/i18n/index.ts'

// Read once when the first staff page loads: index.html's title, which the wall keeps.
const wallTitle = document.title
let navigated = false

export function useStaffPage(title: Ref<string>, main: Ref<HTMLElement | null>) {
  const route = useRoute()
  watchEffect(() => document.title = t('staff.documentTitle', { title: title.value }))
  onBeforeUnmount(() => document.title = wallTitle)

  const focusHeading = () => nextTick(() => {
    const h1 = main.value?.querySelector('h1')
    if (!h1)
      return
    h1.tabIndex = -1
    h1.focus({ preventScroll: true })
  })
  // The page the browser opened keeps the browser's own focus; later pages get the heading.
  onMounted(() => {
    if (navigated)
      focusHeading()
    navigated = true
  })
  watch(() => route.fullPath, focusHeading)
}
