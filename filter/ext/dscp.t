# dscp match
-4
*filter
:INPUT,FORWARD,OUTPUT
-m dscp --dscp 10;-m dscp --dscp 0x0a
-m dscp --dscp 0x0a;=
-m dscp ! --dscp 0;-m dscp ! --dscp 0x00
-m dscp --dscp 64;FAIL;dscp: bad value for option "--dscp", or out of range (0-63).
-m dscp --dscp-class AF11;-m dscp --dscp 0x0a
-m dscp --dscp-class EF;-m dscp --dscp 0x2e
-m dscp --dscp-class CS1;-m dscp --dscp 0x08
-m dscp --dscp-class BE;-m dscp --dscp 0x00
-m dscp --dscp-class foo;FAIL;Invalid DSCP value `foo'
-m dscp;FAIL;DSCP match: Parameter --dscp is required
-m dscp --dscp 1 --dscp-class EF;FAIL;dscp: option "--dscp" cannot be used together with "--dscp-class".
-6
*filter
:INPUT
-m dscp --dscp 46;-m dscp --dscp 0x2e
