/** 党建督导: the indicators against their targets. Counts only, so nothing to mask. */
import { defineScreen } from '../define-screen.ts'

export const oversight = defineScreen({
  kind: 'oversight',
  footer: { counts: true, study: true },
  title: (_, { t }) => t('oversightScreen.title'),
  component: () => import('./OversightScreen.vue'),
  props: (_, { title }) => ({ title }),
})
