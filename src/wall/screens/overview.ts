/** The city at a glance: the first screen, and the one a wall falls back to. */
import { defineScreen } from '../define-screen.ts'

export const overview = defineScreen({
  kind: 'overview',
  footer: { counts: true, study: true },
  title: (_, { t }) => t('overview.title'),
  component: () => import('./OverviewScreen.vue'),
  props: (_, { config }) => ({ maskNames: config.maskNames }),
})
