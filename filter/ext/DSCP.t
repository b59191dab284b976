# DSCP target
-4
*mangle
:PREROUTING,INPUT,FORWARD,OUTPUT,POSTROUTING
-j DSCP --set-dscp 10;-j DSCP --set-dscp 0x0a
-j DSCP --set-dscp 0x2e;=
-j DSCP --set-dscp-class EF;-j DSCP --set-dscp 0x2e
-j DSCP --set-dscp-class af41;-j DSCP --set-dscp 0x22
-j DSCP --set-dscp 64;FAIL;DSCP: bad value for option "--set-dscp", or out of range (0-63).
-j DSCP;FAIL;DSCP target: Parameter --set-dscp is required
*filter
:INPUT
-j DSCP --set-dscp 1;FAIL;@commit
