// Real styles, so axe checks the colours users see.
import '../../src/styles.css';
