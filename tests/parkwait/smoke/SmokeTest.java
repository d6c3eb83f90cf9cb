package parkwait.smoke;
import static org.junit.jupiter.api.Assertions.*;
import org.junit.jupiter.api.Test;
class SmokeTest { @Test void addition_works() { assertEquals(4, 2 + 2); } }
