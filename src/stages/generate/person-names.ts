// Given names and surnames per region (NA, EMEA, APAC, LATAM): plain ASCII, common enough to
// collide, which is what real customer tables look like.

export const FIRST_NAMES: readonly (readonly string[])[] = [
  ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'David', 'Emily', 'Chris', 'Ashley', 'Tyler', 'Megan', 'Brandon', 'Olivia'],
  ['Oliver', 'Amelia', 'Lukas', 'Emma', 'Hugo', 'Chloe', 'Jan', 'Sofia', 'Lucas', 'Lea', 'Pablo', 'Lucia', 'Noah', 'Mila', 'Felix', 'Clara'],
  ['Haruto', 'Yui', 'Ren', 'Sakura', 'Aarav', 'Priya', 'Rohan', 'Ananya', 'Jack', 'Charlotte', 'Liam', 'Isla', 'Kenji', 'Aiko', 'Vikram', 'Meera'],
  ['Santiago', 'Valentina', 'Mateo', 'Camila', 'Diego', 'Isabella', 'Gabriel', 'Mariana', 'Joao', 'Ana', 'Miguel', 'Daniela', 'Rafael', 'Juliana', 'Andres', 'Lucia'],
];

export const LAST_NAMES: readonly (readonly string[])[] = [
  ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Martin', 'Lee', 'Clark', 'Lewis'],
  ['Muller', 'Schmidt', 'Schneider', 'Martin', 'Bernard', 'Dubois', 'Garcia', 'Fernandez', 'Lopez', 'Jones', 'Evans', 'Fischer', 'Weber', 'Moreau', 'Laurent', 'Wright'],
  ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Sharma', 'Patel', 'Singh', 'Kumar', 'Smith', 'Nguyen', 'Wilson', 'Ito', 'Watanabe', 'Gupta', 'Reddy', 'Kelly'],
  ['Silva', 'Santos', 'Oliveira', 'Souza', 'Hernandez', 'Garcia', 'Martinez', 'Lopez', 'Gonzalez', 'Rodriguez', 'Perez', 'Sanchez', 'Ramirez', 'Torres', 'Gomez', 'Costa'],
];
