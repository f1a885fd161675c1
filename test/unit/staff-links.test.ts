import type { Sections } from '~/feed/schema.ts'
import { describe, expect, it } from 'vitest'
import { clickedRef } from '~/charts/chart-links.ts'
import { groupFigures } from '~/figures/groups.ts'
import { groupCoverageOption } from '~/panels/groups.ts'
import { staffFeed } from '../fixtures/staff-feed.ts'
import { panelCtx } from '../fixtures/words.ts'

describe('chart clicks open staff views', () => {
  it('a bar carries its route in its data item, where ECharts hands it back on click', () => {
    const f = staffFeed() as unknown as Sections
    const option = groupCoverageOption(groupFigures(f.districtGroups, f.chambers, f.study), 0.5, panelCtx())
    const data = (option.series as { data: unknown[] }[])[0]!.data
    expect(clickedRef({ dataIndex: 0, data: data[0] })).toBe('/groups/g1')
  })
  it('ignores clicks on things without a route, and anything that is not an in-app path', () => {
    expect(clickedRef({ dataIndex: 0, data: 3 })).toBeNull()
    expect(clickedRef({ data: { ref: 'https://evil.example/' } })).toBeNull()
    expect(clickedRef({ data: { ref: '//evil.example/' } })).toBeNull()
    expect(clickedRef(null)).toBeNull()
  })
})
