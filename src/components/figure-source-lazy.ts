/**
 * The provenance button for the wall: a lazy chunk with the staff words it speaks, so the
 * wall's initial JS carries neither the card nor its words. A kiosk wall never asks for it.
 */
import { defineAsyncComponent } from 'vue'
import { loadStaffMessages } from '~/i18n/index.ts'

export const LazyFigureSource = defineAsyncComponent(() => loadStaffMessages().then(() => import('./FigureSource.vue')))
