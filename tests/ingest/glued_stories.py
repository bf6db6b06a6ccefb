"""Three short stories written for the boundary tests (invented: no real text)."""

HARBOUR = [
    "The harbour authority of Valmora said on Monday that a new container terminal would "
    "open on the eastern quay next spring, doubling the port's capacity.",
    "The terminal, built by Ostrava Marine, cost about 400 million euros and will employ "
    "some 600 dock workers once its cranes are running.",
    "Dock workers' unions welcomed the jobs but asked the authority to publish the safety "
    "plan for the cranes before the quay opens to ships.",
]
ORCHESTRA = [
    "Yesterday the Tallis Chamber Orchestra cancelled its autumn tour of twelve cities "
    "after its conductor, Ines Brandt, broke her wrist in a fall.",
    "Ticket holders will be refunded within a month, the orchestra's manager said, and "
    "the concerts may be rescheduled for the following spring.",
    "Brandt, who has led the ensemble since 2011, thanked audiences for their patience "
    "and said she hoped to be back on the podium by March.",
]
GLACIER = [
    "On Thursday glaciologists from the Nordheim Institute reported that the Kjeld "
    "glacier lost forty metres of ice in a single summer, a record.",
    "Measurements from drones and stakes driven into the ice showed the melt was fastest "
    "on the glacier's southern tongue, where meltwater pooled.",
    "Hydrologists warned that villages below the glacier should expect higher river "
    "levels and more frequent floods during warm spells.",
]
