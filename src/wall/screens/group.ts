/** One screen per district group (片组), in feed order, called by the group's name. */
import { defineScreen } from '../define-screen.ts'

export const group = defineScreen({
  kind: 'group',
  view: 'groups',
  footer: { counts: true, study: true },
  each: feed => feed.groupIds.map(id => ({ id })),
  key: s => s.id,
  title: (s, { t, groups }) => groups?.get(s.id)?.name ?? t('groupScreen.fallbackName'),
  component: () => import('./GroupScreen.vue'),
  props: (s, { title }) => ({ groupId: s.id, title }),
})
