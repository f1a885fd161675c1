/** 趋势: in the plan only while the feed sends series, for without them there is no movement to show. */
import { defineScreen } from '../define-screen.ts'

export const trends = defineScreen({
  kind: 'trends',
  footer: { counts: true, study: false },
  each: feed => feed.trends ? [{}] : [],
  title: (_, { t }) => t('trend.title'),
  component: () => import('./TrendsScreen.vue'),
  props: (_, { title }) => ({ title }),
})
