/**
 * The district tile map's series, registered when the map's chunk loads: the custom series is
 * drawn by that screen alone, so the wall's initial JS does not carry it (charts/setup.ts).
 */
import { CustomChart } from 'echarts/charts'
import { use } from 'echarts/core'

use([CustomChart])
