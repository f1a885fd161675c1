import { shallowRef } from 'vue'

/** The id of the one provenance card open on the page: opening another closes it. */
export const openFigureSource = shallowRef<string | null>(null)
