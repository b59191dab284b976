# rt match (IPv6 routing header)
-6
*filter
:INPUT,FORWARD,OUTPUT
-m rt --rt-type 0;=
-m rt --rt-type 0 --rt-segsleft 0;=
-m rt --rt-type 2 --rt-segsleft 1:23;=
-m rt ! --rt-type 0;=
-m rt --rt-segsleft :5;-m rt --rt-segsleft 0:5
-m rt ! --rt-segsleft 5:;-m rt ! --rt-segsleft 5:4294967295
-m rt --rt-len 8;=
-m rt ! --rt-len 8;=
-m rt --rt-type 0 --rt-0-res;=
-m rt --rt-type 0 --rt-0-addrs ::1,::2;=
-m rt --rt-type 0 --rt-0-addrs ::1 --rt-0-not-strict;=
-m rt --rt-0-res;FAIL;`--rt-type 0' required before `--rt-0-res'
-m rt --rt-type 256;=
-m rt;=
-m rt --rt-segsleft 4294967295;=
