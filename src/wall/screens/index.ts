/** The wall's screens, in the default rotation order: one line a screen (see ../define-screen.ts). */
import { districts } from './districts.ts'
import { group } from './group.ts'
import { oversight } from './oversight.ts'
import { overview } from './overview.ts'
import { rankings } from './rankings.ts'
import { trends } from './trends.ts'

export const wallScreens = [
  overview,
  group,
  rankings,
  oversight,
  trends,
  districts,
] as const
