/** 学习强国 rankings: study points only, so the footer names only their day. */
import { defineScreen } from '../define-screen.ts'

export const rankings = defineScreen({
  kind: 'rankings',
  footer: { counts: false, study: true },
  title: (_, { t }) => t('rankings.title'),
  component: () => import('./RankingsScreen.vue'),
  props: (_, { config, title }) => ({ maskNames: config.maskNames, title }),
})
