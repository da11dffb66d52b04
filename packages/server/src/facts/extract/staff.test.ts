import { describe, expect, it } from 'vitest'
import { staffFromLine, staffFromTable } from './staff.ts'

describe('staffFromLine', () => {
  it.each([
    [
      'Dale Whitaker – Sales Manager – ext. 201',
      { name: 'Dale Whitaker', title: 'Sales Manager', extension: '201' },
    ],
    [
      'Brenda Coffey, Finance Manager (ext. 16)',
      { name: 'Brenda Coffey', title: 'Finance Manager', extension: '16' },
    ],
    [
      'Owner: Tom Brandt, cell (319) 555-0101',
      { name: 'Tom Brandt', title: 'Owner', phone: '(319) 555-0101' },
    ],
    [
      'Luis Ortega | Service Advisor | lortega@cedarvalleytoyota.example',
      { name: 'Luis Ortega', title: 'Service Advisor', email: 'lortega@cedarvalleytoyota.example' },
    ],
    [
      "Shawn O'Neil • Used Vehicle Manager • x211",
      { name: "Shawn O'Neil", title: 'Used Vehicle Manager', extension: '211' },
    ],
    [
      'Ana María de la Cruz, Asesora de Ventas (habla español), cell (305) 555-0177',
      { name: 'Ana María de la Cruz', title: 'Asesora de Ventas', phone: '(305) 555-0177' },
    ],
  ])('reads "%s"', (line, member) => {
    expect(staffFromLine(line)).toEqual(member)
  })

  it.each([
    // Capitalised words of a heading or a menu, not a person.
    'Lease Buy – Finance Specials',
    'Sun Closed – Service',
    'New Inventory | Used Inventory | Service Specials',
    // A town before a state.
    'Cedar Falls, IA 50613 – Sales Department',
    // A person without a title is not a staff member.
    'Maria Lopez, 319-555-0188',
    'Service Department – (319) 555-0150',
  ])('reads no staff member in "%s"', (line) => {
    expect(staffFromLine(line)).toBeNull()
  })
})

describe('staffFromTable', () => {
  it('reads a staff directory by its headers', () => {
    const staff = staffFromTable(
      ['Name', 'Title', 'Department', 'Ext.', 'Email', 'Languages'],
      [
        [
          'Maria Lopez',
          'Service Advisor',
          'Service',
          '214',
          'mlopez@cvt.example',
          'English, Spanish',
        ],
        ['Dana Whitfield', 'General Manager', 'Management', '210', '', ''],
        ['', 'Receptionist', '', '200', '', ''],
      ],
    )
    expect(staff).toEqual([
      {
        name: 'Maria Lopez',
        title: 'Service Advisor',
        department: 'Service',
        extension: '214',
        email: 'mlopez@cvt.example',
        languages: 'English, Spanish',
      },
      {
        name: 'Dana Whitfield',
        title: 'General Manager',
        department: 'Management',
        extension: '210',
      },
    ])
  })

  it('finds the names and titles of a table without a "Name" header', () => {
    const staff = staffFromTable(
      ['Team member', 'Role', 'Direct line'],
      [
        ['Jim Hartley', 'Parts Manager', '(319) 555-0161 ext. 3'],
        ['Rosa Medina', 'Finance Manager', '(319) 555-0163'],
      ],
    )
    expect(staff).toEqual([
      { name: 'Jim Hartley', title: 'Parts Manager', phone: '(319) 555-0161', extension: '3' },
      { name: 'Rosa Medina', title: 'Finance Manager', phone: '(319) 555-0163' },
    ])
    const unlabelled = staffFromTable(
      ['', ''],
      [
        ['Jim Hartley', 'Parts Manager'],
        ['Rosa Medina', 'Finance Manager'],
      ],
    )
    expect(unlabelled.map((m) => [m.name, m.title])).toEqual([
      ['Jim Hartley', 'Parts Manager'],
      ['Rosa Medina', 'Finance Manager'],
    ])
  })

  it('reads no staff from a table of hours or prices', () => {
    expect(
      staffFromTable(
        ['Day', 'Sales', 'Service'],
        [
          ['Monday - Friday', '9:00 AM - 8:00 PM', '7:00 AM - 6:00 PM'],
          ['Sun', 'Closed', 'Closed'],
        ],
      ),
    ).toEqual([])
    expect(
      staffFromTable(
        ['Service', 'Price'],
        [
          ['Oil Change', '$59.95'],
          ['Lease Buy', 'Call'],
        ],
      ),
    ).toEqual([])
  })
})
