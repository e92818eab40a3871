package dev.nonstop.persistence;

import dev.nonstop.testsupport.IntegrationTest;

/** The persistence contract on H2 in MySQL mode, the embedded default. */
@IntegrationTest
class H2PersistenceTest extends PersistenceContract {
}
