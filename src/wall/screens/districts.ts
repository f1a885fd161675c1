/**
 * The 13 区县市 on a map, one screen per metric. Its component is the heaviest (the map's
 * series): being a chunk of its own keeps that out of the wall's initial JS.
 */
import { districtMetrics } from '~/figures/districts.ts'
import { defineScreen } from '../define-screen.ts'

export const districts = defineScreen({
  kind: 'districts',
  footer: { counts: true, study: true },
  each: () => districtMetrics.map(metric => ({ metric })),
  key: s => s.metric,
  title: (s, { t }) => `${t('districts.title')} · ${t(`districts.metric.${s.metric}`)}`,
  component: () => import('./DistrictsScreen.vue'),
  // The operator's boundaries, when config.json names a file (its allow-list already applied).
  props: (s, { config, title }) => ({
    metric: s.metric,
    title,
    geo: config.districtGeoJsonUrl === undefined
      ? null
      : { url: config.districtGeoJsonUrl, nameProperty: config.districtNameProperty, timeoutSeconds: config.timeoutSeconds },
  }),
})
